// Standard base64 (RFC 4648, with padding; line breaks and spaces ignored) decoded to bytes:
// the office's photo upload, and migration 410's conversion of photos stored as base64 text.
#pragma once
#include <string>

namespace diemquet::server {

// "" for anything that is not base64.
std::string base64Decode(const std::string& in);

}  // namespace diemquet::server
