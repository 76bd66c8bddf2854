// Argon2id (libsodium, Debian's shared library). Interactive limits: about 64 MiB and a
// fraction of a second per hash, which with the per-user and per-IP login limits makes
// guessing slow while a login still feels immediate.
#include "passwords.hpp"

#include <sodium.h>

#include <mutex>

namespace diemquet::server::office {

namespace {
void init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable randomness: nothing safe can be done
  });
}
}  // namespace

std::string hashPassword(const std::string& password) {
  init();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return {};
  return out;
}

bool verifyPassword(const std::string& stored, const std::string& password) {
  init();
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

std::string generatePassword() {
  init();
  // Handed over once, often read out on the phone or copied from a screen: lower case only (a
  // capital C, S, W read out is a small one typed), and no letter or digit that passes for
  // another (i l 1, o 0). 31 symbols, 16 of them: 79 bits, behind a slow hash.
  static const char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  std::string out;
  for (int i = 0; i < 16; ++i) out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return out;
}

}  // namespace diemquet::server::office
