// Kiosk lock (issue #17): a station left at an unattended entrance, used by visitors
// themselves, leaves the kiosk only with the PIN staff chose. The PIN is kept on the phone only
// as a salted hash; five wrong PINs make the next try wait a minute.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace diemquet::kiosk {

// 4 to 8 digits.
bool validPin(std::string_view pin);

struct Lock {
  std::string saltHex;  // 16 random bytes
  std::string hashHex;  // BLAKE2b-256(salt || pin)
};

Lock makeLock(std::string_view pin, const std::array<uint8_t, 16>& salt);
bool unlocks(const Lock& lock, std::string_view pin);
std::string toJson(const Lock& lock);
std::optional<Lock> lockFromJson(std::string_view json);

// Wrong PINs in a row: after kMaxTries the next try waits kWaitMs.
class Attempts {
 public:
  static constexpr int kMaxTries = 5;
  static constexpr int64_t kWaitMs = 60'000;
  // 0 when a try is allowed now, else how long to wait.
  int64_t waitMs(int64_t nowMs) const { return m_lockedUntilMs > nowMs ? m_lockedUntilMs - nowMs : 0; }
  void failed(int64_t nowMs);
  void succeeded() { m_failures = 0, m_lockedUntilMs = 0; }
  int failures() const { return m_failures; }

 private:
  int m_failures = 0;
  int64_t m_lockedUntilMs = 0;
};

}  // namespace diemquet::kiosk
