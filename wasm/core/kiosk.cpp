#include "kiosk.hpp"

#include <sodium.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "hex.hpp"
#include "json_util.hpp"

namespace diemquet::kiosk {

namespace {

std::string hashOf(std::string_view saltHex, std::string_view pin) {
  std::string msg(saltHex);
  msg += '|';
  msg += pin;
  uint8_t h[32];
  crypto_generichash_blake2b(h, sizeof h, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), nullptr, 0);
  return toHex(h, sizeof h);
}

}  // namespace

bool validPin(std::string_view pin) {
  return pin.size() >= 4 && pin.size() <= 8 &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Lock makeLock(std::string_view pin, const std::array<uint8_t, 16>& salt) {
  Lock l;
  l.saltHex = toHex(salt.data(), salt.size());
  l.hashHex = hashOf(l.saltHex, pin);
  return l;
}

bool unlocks(const Lock& lock, std::string_view pin) {
  if (!validPin(pin)) return false;
  const std::string h = hashOf(lock.saltHex, pin);
  return h.size() == lock.hashHex.size() && sodium_memcmp(h.data(), lock.hashHex.data(), h.size()) == 0;
}

std::string toJson(const Lock& lock) {
  return nlohmann::json{{"salt", lock.saltHex}, {"hash", lock.hashHex}}.dump();
}

std::optional<Lock> lockFromJson(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  Lock l{jsonutil::getString(j, "salt"), jsonutil::getString(j, "hash")};
  if (l.saltHex.size() != 32 || l.hashHex.size() != 64) return std::nullopt;
  return l;
}

void Attempts::failed(int64_t nowMs) {
  if (++m_failures >= kMaxTries) {
    m_lockedUntilMs = nowMs + kWaitMs;
    m_failures = 0;
  }
}

}  // namespace diemquet::kiosk
