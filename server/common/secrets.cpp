#include "secrets.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <stdexcept>

#include "hex.hpp"

namespace diemquet::server {

namespace {
void randomBytes(unsigned char* out, int n) {
  // Without randomness no secret may be issued at all.
  if (RAND_bytes(out, n) != 1) std::abort();
}
}  // namespace

std::string newDeviceToken() {
  unsigned char b[32];
  randomBytes(b, sizeof b);
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned bits = 0, acc = 0;
  for (unsigned char c : b) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      out += kAlphabet[(acc >> (bits - 6)) & 63];
      bits -= 6;
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}

std::string newEnrollmentCode() {
  static const char* kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  unsigned char b[12];
  randomBytes(b, sizeof b);
  std::string out;
  for (int i = 0; i < 12; ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += kCrockford[b[i] & 31];
  }
  return out;
}

std::string normalizeEnrollmentCode(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out += (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
  }
  return out;
}

std::string sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  return toHex(md, len);
}

}  // namespace diemquet::server
