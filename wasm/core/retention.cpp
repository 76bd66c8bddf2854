// Retention rules shared by the station's purge (station.cpp, sync/retention_keeper.cpp).
#include "retention.hpp"

#include <nlohmann/json.hpp>

namespace diemquet::retention {

std::optional<int> parseConfigDays(std::string_view body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("retentionDays") || !j["retentionDays"].is_number_integer())
    return std::nullopt;
  int64_t d = j["retentionDays"].get<int64_t>();
  if (d < kMinDays || d > kMaxDays) return std::nullopt;
  return int(d);
}

}  // namespace diemquet::retention
