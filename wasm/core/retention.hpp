// Retention of personal data on the station: what the purge deletes and what it keeps.
// The station deletes check-ins the server has acknowledged once they are older than the
// retention period (GET /api/v1/config's retentionDays, default 28). It never deletes a
// check-in the server has not acknowledged; those are counted so staff can be warned.
// Kept: settings and enrollment (no personal data), the next sequence number and the time of
// the last sync (carried by the purge record), check-ins not yet acknowledged. Visitor passes
// are not stored on the station; check-ins made with them are purged like any other. No
// per-day counts need keeping: Today shows the current day only (always inside a period of at
// least one day) and the last 20 entries (older ones simply drop out of that list).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace diemquet::retention {

inline constexpr int kDefaultDays = 28;
inline constexpr int kMinDays = 1;
inline constexpr int kMaxDays = 3650;
inline constexpr int64_t kDayMs = 86400000;

// Check-ins recorded before this instant are past the period (the server's own rule:
// now − days × 24 h, on the check-in's time).
inline int64_t cutoffMs(int64_t nowMs, int days) {
  return nowMs - int64_t(days) * kDayMs;
}

// retentionDays from the body of GET /api/v1/config; nothing if missing or out of 1..3650.
std::optional<int> parseConfigDays(std::string_view body);

}  // namespace diemquet::retention
