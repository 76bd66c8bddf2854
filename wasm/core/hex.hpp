// Lower-case hex of bytes: the product's one hex encoder (token and code hashes, device ids,
// poster seeds, BHYT text, PostgreSQL's BYTEA). libsodium's sodium_bin2hex underneath, the
// same libsodium every build links (cmake/Sodium.cmake); its header stays out of this one.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace diemquet {

std::string toHex(const void* bytes, size_t n);
inline std::string toHex(std::string_view bytes) {
  return toHex(bytes.data(), bytes.size());
}

}  // namespace diemquet
