#include "base64.hpp"

#include <openssl/evp.h>

namespace diemquet::server {

std::string base64Decode(const std::string& in) {
  std::string clean;
  for (char c : in)
    if (c != '\n' && c != '\r' && c != ' ') clean += c;
  if (clean.size() % 4 != 0) return {};
  std::string out(clean.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(clean.data()), int(clean.size()));
  if (n < 0) return {};
  size_t pad =
      clean.empty() ? 0 : size_t(clean.back() == '=') + size_t(clean.size() > 1 && clean[clean.size() - 2] == '=');
  out.resize(size_t(n) - pad);
  return out;
}

}  // namespace diemquet::server
