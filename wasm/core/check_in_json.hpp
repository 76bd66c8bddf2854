// The wire and journal form of a check-in (JSON), shared by the station and the server.
#pragma once
#include <nlohmann/json.hpp>

#include "check_in.hpp"
#include "result.hpp"

namespace diemquet {

nlohmann::json toJson(const CheckIn& c);
// Strict: every field present with the right type and a sane value; unknown fields ignored.
Result<CheckIn> checkInFromJson(const nlohmann::json& j);

// Limits a check-in must respect wherever it comes from.
constexpr int64_t kEarliestCheckInMs = 1577836800000;  // 2020-01-01T00:00:00Z
constexpr int64_t kMaxClockSkewMs = 10 * 60 * 1000;      // a station clock may run 10 min fast
constexpr size_t kMaxIdLength = 64;
constexpr size_t kMaxTextBytes = 400;

}  // namespace diemquet
