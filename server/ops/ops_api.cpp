#include "ops_api.hpp"

#include <chrono>
#include <ctime>
#include <mutex>

#include <nlohmann/json.hpp>

#include "metrics.hpp"

namespace diemquet::server::ops {

namespace {

struct ReadyCache {
  std::mutex mutex;  // held across the probe: concurrent polls wait for one write
  std::chrono::steady_clock::time_point at{};
  bool ready = false;
  std::string why;
};

// One row of health_probe (migration 301) is updated: a commit that returns proves the
// database is up, accepts writes (not a standby, not read-only) and, under synchronous
// replication, that a standby acknowledges.
std::pair<bool, std::string> probe(Store& store, int64_t nowMs) {
  static ReadyCache cache;
  std::lock_guard lock(cache.mutex);
  const auto now = std::chrono::steady_clock::now();
  if (now - cache.at < std::chrono::seconds(1)) return {cache.ready, cache.why};
  auto r = store.touchHealthProbe(nowMs);
  cache.ready = r && r.value();
  cache.why = r ? (cache.ready ? "" : "health_probe row missing") : "database not writable";
  cache.at = std::chrono::steady_clock::now();
  return {cache.ready, cache.why};
}

}  // namespace

void addRoutes(Router& router, Store& store, const std::function<int64_t()>& clock) {
  router.on("GET", "/metrics", [&store](const ApiRequest&, const PathParams&) {
    ApiResponse r{200, metrics::render(store.backendName())};
    r.contentType = "text/plain; version=0.0.4; charset=utf-8";
    return r;
  });
  router.on("GET", "/health/live", [](const ApiRequest&, const PathParams&) {
    return ApiResponse{200, R"({"ok":true})"};
  });
  router.on("GET", "/health/ready", [&store, clock](const ApiRequest&, const PathParams&) {
    auto [ok, why] = probe(store, clock());
    if (ok) return ApiResponse{200, nlohmann::json{{"ok", true}, {"storage", store.backendName()}}.dump()};
    ApiResponse r = errorResponse(503, "not_ready", "The database does not take writes: " + why + ".");
    r.retryAfterSeconds = 2;
    return r;
  });
}

std::string jsonLogLine(const std::string& line, int64_t nowMs) {
  char ts[32];
  std::time_t secs = std::time_t(nowMs / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
  const std::string stamp = std::string(ts) + "." + std::to_string(1000 + nowMs % 1000).substr(1) + "Z";
  const bool object = !line.empty() && line.front() == '{' && line.back() == '}';
  const char* level = "info";
  if (object ? line.find("\"status\":5") != std::string::npos
             : line.find("error") != std::string::npos || line.find("fail") != std::string::npos)
    level = "error";
  else if (object && line.find("\"status\":4") != std::string::npos)
    level = "warn";
  const std::string head = "{\"ts\":\"" + stamp + "\",\"level\":\"" + level + "\"";
  if (object) return head + (line.size() > 2 ? "," + line.substr(1) : "}");
  return head + ",\"msg\":" + nlohmann::json(line).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "}";
}

}  // namespace diemquet::server::ops
