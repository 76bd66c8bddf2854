// Officer passwords: Argon2id through libsodium's crypto_pwhash_str (salt and parameters
// inside the stored string), and random passwords for the admin CLI to print once.
#pragma once
#include <string>

namespace diemquet::server::office {

// Empty on failure (out of memory).
std::string hashPassword(const std::string& password);
bool verifyPassword(const std::string& stored, const std::string& password);
// 16 characters from an unambiguous alphabet.
std::string generatePassword();

}  // namespace diemquet::server::office
