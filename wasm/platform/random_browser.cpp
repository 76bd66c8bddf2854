// Randomness from crypto.getRandomValues (via emscripten's getentropy).
#include <unistd.h>

#include "platform.hpp"

namespace diemquet::platform {

void randomBytes(unsigned char* out, size_t n) {
  while (n > 0) {
    size_t chunk = n > 256 ? 256 : n;  // getentropy's limit
    getentropy(out, chunk);
    out += chunk;
    n -= chunk;
  }
}

}  // namespace diemquet::platform
