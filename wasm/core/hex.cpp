#include "hex.hpp"

#include <sodium/utils.h>

namespace diemquet {

std::string toHex(const void* bytes, size_t n) {
  std::string out(2 * n + 1, '\0');  // sodium_bin2hex writes a terminating NUL
  sodium_bin2hex(out.data(), out.size(), static_cast<const unsigned char*>(bytes), n);
  out.pop_back();
  return out;
}

}  // namespace diemquet
