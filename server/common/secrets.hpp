// Secrets of enrollment: device tokens and one-time enrollment codes. Both come from
// OpenSSL's RAND_bytes and are stored only as SHA-256 hashes.
#pragma once
#include <string>
#include <string_view>

namespace diemquet::server {

// 32 random bytes, base64url without padding (43 characters).
std::string newDeviceToken();
// A code staff can read aloud and type: 12 Crockford base32 characters (60 bits) as
// "XXXX-XXXX-XXXX".
std::string newEnrollmentCode();
// Upper-cases and drops '-' and spaces, so "abcd efgh-jkmn" equals "ABCD-EFGH-JKMN".
std::string normalizeEnrollmentCode(std::string_view code);
// Lower-case hex SHA-256.
std::string sha256Hex(std::string_view data);

}  // namespace diemquet::server
