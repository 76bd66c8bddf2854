// Exposures: publication and withdrawal by officers, the signed public list.
#include "exposures_api.hpp"

#include "../office/office_api.hpp"

#include <algorithm>

#include "../http/request_input.hpp"
#include "../posters/posters.hpp"
#include "common/secrets.hpp"
#include "exposure/exposure_list.hpp"
#include "payload/normalize.hpp"
#include "text.hpp"

namespace diemquet::server::exposures {

using nlohmann::json;

namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr size_t kMaxAdviceBytes = 600;  // about 200 Vietnamese characters: a short text
constexpr int64_t kMaxWindowMs = 14 * kDayMs;

ApiResponse err(int status, ErrorCode code, const std::string& message) {
  return errorResponse(status, code, message);
}
ApiResponse storage(const Error& e, const std::function<void(const std::string&)>& log = nullptr) {
  if (log) log("storage error: " + e.message);
  ApiResponse r = err(503, "storage_unavailable", "The database is unavailable; nothing was changed. Retry later.");
  r.retryAfterSeconds = 2;
  return r;
}

// The officer's own area, or one inside it (a ward code equal to the officer's needs no map).
bool inArea(const office::Officer& me, const std::string& ward) {
  return !ward.empty() && (ward == me.area || areaContains(me.area, ward));
}

json rowJson(const ExposureRow& e) {
  return {{"id", e.id},
          {"venueId", e.venueId},
          {"venueName", e.venueName},
          {"scanPointId", e.scanPointId},
          {"scanPointName", e.scanPointName},
          {"fromMs", e.fromMs},
          {"untilMs", e.untilMs},
          {"from", office::formatDateTime(e.fromMs)},
          {"until", office::formatDateTime(e.untilMs)},
          {"advice", e.advice},
          {"publishedBy", e.publishedBy},
          {"published", office::formatDateTime(e.publishedMs)},
          {"withdrawn", e.withdrawnMs != 0}};
}

ApiResponse listForOfficer(Store& store, const office::Officer& me, int64_t now) {
  auto rows = store.exposures(now - int64_t(office::retentionDays()) * kDayMs, true);
  if (!rows) return storage(rows.error());
  json out = json::array();
  for (const ExposureRow& e : rows.value())
    if (inArea(me, e.wardCode)) out.push_back(rowJson(e));
  std::reverse(out.begin(), out.end());  // newest first
  return ApiResponse{200, json{{"exposures", out}}.dump()};
}

// A venue of the officer's area as the publication's answer names it; nullopt (404) otherwise.
struct AlertVenue {
  std::string name;
  std::vector<ScanPoint> points;
};
Result<std::optional<AlertVenue>> venueOfArea(Store& store, const office::Officer& me, const std::string& venueId) {
  auto venue = store.officeVenue(venueId);
  if (!venue) return venue.error();
  if (!venue.value() || !inArea(me, venue.value()->ward)) return std::optional<AlertVenue>();
  auto points = store.scanPoints(venueId);
  if (!points) return points.error();
  return std::optional<AlertVenue>(AlertVenue{venue.value()->name, points.value()});
}

ApiResponse publish(const ApiRequest& req, Store& store, const office::Officer& me, int64_t now) {
  json b;
  if (auto bad = parseJsonObject(req.body, b)) return *bad;
  ExposureRow e;
  e.venueId = b.value("venueId", json()).is_string() ? b["venueId"].get<std::string>() : "";
  e.scanPointId = b.value("scanPointId", json()).is_string() ? b["scanPointId"].get<std::string>() : "";
  if (e.venueId.empty() || e.venueId.size() > 24) return err(400, "bad_request", "Field 'venueId' names the venue.");
  if (!b.value("fromMs", json()).is_number_integer() || !b.value("untilMs", json()).is_number_integer())
    return err(400, "bad_window", "Fields 'fromMs' and 'untilMs' must be times in UTC milliseconds.");
  e.fromMs = b["fromMs"].get<int64_t>();
  e.untilMs = b["untilMs"].get<int64_t>();
  if (e.untilMs <= e.fromMs || e.untilMs - e.fromMs > kMaxWindowMs)
    return err(400, "bad_window", "'untilMs' must be after 'fromMs', at most 14 days later.");
  if (e.untilMs < now - int64_t(office::retentionDays()) * kDayMs || e.fromMs > now + kDayMs)
    return err(400, "bad_window", "The window must lie within the retention period, not in the future.");
  if (!b.value("advice", json()).is_string())
    return err(400, "advice_required", "Write a short advice text ('advice').");
  e.advice = payload::toNfc(text::squeezeSpaces(b["advice"].get<std::string>()));
  if (e.advice.empty() || e.advice.size() > kMaxAdviceBytes || !text::isValidUtf8(e.advice) ||
      text::hasControlChars(e.advice))
    return err(400, "advice_required", "Write a short advice text ('advice', at most 600 bytes, one paragraph).");
  std::string reason = b.value("reason", json()).is_string() ? b["reason"].get<std::string>() : "";
  if (reason.size() > 500) return err(400, "bad_request", "'reason' is at most 500 bytes.");

  auto venue = venueOfArea(store, me, e.venueId);
  if (!venue) return storage(venue.error());
  if (!venue.value()) return err(404, "unknown_venue", "No such venue in your area.");
  // The answer names the venue and the gate as the list does: the office shows it at once,
  // before (or without) reloading the list.
  e.venueName = venue.value()->name;
  if (!e.scanPointId.empty()) {
    const auto& points = venue.value()->points;
    auto point = std::find_if(points.begin(), points.end(), [&](const ScanPoint& p) { return p.id == e.scanPointId; });
    if (point == points.end()) return err(400, "unknown_scan_point", "The venue has no such scan point.");
    e.scanPointName = point->name;
  }
  e.publishedBy = me.username;
  e.publishedMs = now;
  // Audited like every trace: no audit row, no publication.
  const std::string detail = office::formatDateTime(e.fromMs) + ".." + office::formatDateTime(e.untilMs) +
                             (e.scanPointId.empty() ? "" : " point " + e.scanPointId);
  if (auto a = store.addAudit({0, now, me.username, "publish_exposure", "venue " + e.venueId, reason, detail}); !a)
    return storage(a.error());
  auto id = store.addExposure(e);
  if (!id)
    return id.error().kind == ErrorKind::NotFound ? err(404, "unknown_venue", "No such venue.") : storage(id.error());
  e.id = id.value();
  return ApiResponse{201, json{{"exposure", rowJson(e)}}.dump()};
}

ApiResponse withdraw(const std::string& idText, Store& store, const office::Officer& me, int64_t now) {
  if (idText.empty() || idText.size() > 18 || !std::all_of(idText.begin(), idText.end(), ::isdigit))
    return err(404, "not_found", "No such exposure.");
  const int64_t id = std::stoll(idText);
  auto rows = store.exposures(0, false);
  if (!rows) return storage(rows.error());
  auto it = std::find_if(rows->begin(), rows->end(), [&](const ExposureRow& e) { return e.id == id; });
  if (it == rows->end() || !inArea(me, it->wardCode))
    return err(404, "not_found", "No such active exposure in your area.");
  if (auto a = store.addAudit({0, now, me.username, "withdraw_exposure", "exposure " + idText, "", it->venueId}); !a)
    return storage(a.error());
  if (auto w = store.withdrawExposure(id, me.username, now); !w)
    return w.error().kind == ErrorKind::NotFound ? err(404, "not_found", "No such active exposure.")
                                                 : storage(w.error());
  return ApiResponse{200, json{{"withdrawn", id}}.dump()};
}

}  // namespace

Result<std::string> signedList(Store& store, int64_t nowMs) {
  const int days = office::retentionDays();
  auto rows = store.exposures(nowMs - int64_t(days) * kDayMs, false);
  if (!rows) return rows.error();
  auto version = store.exposureListVersion();
  if (!version) return version.error();
  auto key = posters::activeSigningKey(store, nowMs);
  if (!key) return key.error();
  exposure::ExposureList list;
  list.issuedMs = version.value();
  list.retentionDays = days;
  for (const ExposureRow& e : rows.value())
    list.exposures.push_back(
        exposure::Exposure{e.id, e.venueId, e.venueName, e.scanPointId, e.fromMs, e.untilMs, e.advice, e.publishedMs});
  return exposure::signList(list, key.value());
}

void addRoutes(Router& router, Store& store, const std::function<int64_t()>& clock,
               const std::function<void(const std::string&)>& log) {
  router.on("GET", "/api/v1/exposures", [&store, clock, log](const ApiRequest& req, const PathParams&) {
    auto body = signedList(store, clock());
    if (!body) return storage(body.error(), log);
    ApiResponse r{200, body.value()};
    r.etag = "\"e" + sha256Hex(body.value()).substr(0, 20) + "\"";
    // Revalidated at every use: a withdrawal reaches phones at their next open, and an
    // unchanged list costs a 304 with no body.
    r.cacheControl = "public, no-cache";
    if (!req.ifNoneMatch.empty() && req.ifNoneMatch.find(r.etag) != std::string::npos) {
      r.status = 304;
      r.body.clear();
    }
    return r;
  });
  // Officers publish, list and withdraw exposures of venues in their area.
  router.on("GET", "/api/v1/office/exposures",
            office::withOfficer(store, clock, log,
                                [&store](const ApiRequest&, const PathParams&, const office::Officer& me, int64_t now) {
                                  return listForOfficer(store, me, now);
                                }));
  router.on("POST", "/api/v1/office/exposures",
            office::withOfficer(store, clock, log,
                                [&store](const ApiRequest& req, const PathParams&, const office::Officer& me,
                                         int64_t now) { return publish(req, store, me, now); }));
  router.on("POST", "/api/v1/office/exposures/{id}/withdraw",
            office::withOfficer(store, clock, log,
                                [&store](const ApiRequest&, const PathParams& p, const office::Officer& me,
                                         int64_t now) { return withdraw(p["id"], store, me, now); }));
}

}  // namespace diemquet::server::exposures
