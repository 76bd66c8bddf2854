// The office API (server/office/): officer login and sessions, venue registration, weekly
// compliance reports with CSV/XLSX/HTML exports, violation reports, contact tracing, the
// retention purge and the upstream feed. Its routes join the server's one table (addRoutes); see docs/api.md.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "../storage/store.hpp"
#include "../http/router.hpp"
#include "office_db.hpp"

namespace diemquet::server::office {

using Clock = std::function<int64_t()>;
using Logger = std::function<void(const std::string&)>;

// /api/v1/office/..., POST /api/v1/venues, POST /api/v1/reports, GET /api/v1/feed/checkins,
// GET /api/v1/config. Per-store state (rate limits) lives inside the module.
void addRoutes(Router& router, Store& store, const Clock& clock, const Logger& log);

// A route handler behind an officer's session, for rooms built on the office (exposures): the
// handler runs only with a valid session and sees the officer (area, level) and the time.
using OfficerHandler = std::function<ApiResponse(const ApiRequest&, const PathParams&, const Officer&, int64_t nowMs)>;
Router::Handler withOfficer(Store& store, const Clock& clock, const Logger& log, OfficerHandler handler);

// Retention of personal data in days (default 28); set once at start-up (serve --retention-days).
void setRetentionDays(int days);
int retentionDays();

// Aggregates then deletes check-ins (and conflict records) older than the retention period.
// Returns the number of check-ins deleted.
Result<int64_t> purge(Store& store, int64_t nowMs, int days);

// Counts the check-ins of closed Vietnam days per venue and day into daily_scans, which the
// weekly report reads instead of the check-ins (see rollUp in retention.cpp for the invariant),
// and counts again the days that received an upload or a void since the last roll-up.
struct RollupResult {
  int64_t throughDay = 0;   // days before this one (days since 1970-01-01, Vietnam time) are rolled up
  int64_t counted = 0;      // (venue, day) counts written for newly closed days
  int64_t recomputed = 0;   // (venue, day) counts of earlier days written again
};
Result<RollupResult> rollUp(Store& store, int64_t nowMs);

// Runs purge() and rollUp() at start-up and then hourly until the returned object is destroyed.
class RetentionTask {
 public:
  virtual ~RetentionTask() = default;
};
std::unique_ptr<RetentionTask> startRetentionTask(Store& store, Clock clock, Logger log);

// `diemquet-server admin <cmd>` for the office: create-officer, create-feed-token, purge, rollup.
// Returns -1 when `cmd` is not an office command. `opt(name)` reads an option ("" if absent).
int adminCommand(const std::string& cmd, const std::function<std::string(const std::string&)>& opt, Store& store,
                 int64_t nowMs);

// `diemquet-server admin <cmd>` for venues (venue_admin.cpp): create-venue, set-venue-area,
// add-scan-point, rename-scan-point, list-venues. Returns -1 when `cmd` is none of them.
int venueAdminCommand(const std::string& cmd, const std::function<std::string(const std::string&)>& opt, Store& store,
                      int64_t nowMs);
// One line per venue outside any ward and per scan point whose id breaks the id rule, each
// with the command that fixes it; `serve` logs them at start-up.
Result<std::vector<std::string>> venueWarnings(Store& store);

}  // namespace diemquet::server::office
