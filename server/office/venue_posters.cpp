// The office's poster download (venue_posters.hpp): the same posters the venue's station prints
// (posters::postersToPrint), behind the officer's session and area, one audit row per download.
#include "venue_posters.hpp"

#include "../data/areas.hpp"
#include "../posters/posters.hpp"
#include "office_api.hpp"

using diemquet::server::posters::PrintedPosters;

namespace diemquet::server::office {

namespace {

ApiResponse storageFailure(const Error& e, const std::function<void(const std::string&)>& log) {
  if (log) log("office storage error: " + e.message);
  return errorResponse(503, "storage_unavailable", "The database is unavailable. Retry later.");
}

ApiResponse venuePosters(Store& store, const Officer& me, const std::string& venueId, int64_t now,
                         const std::function<void(const std::string&)>& log) {
  auto ward = store.wardOfVenue(venueId);
  if (!ward) return storageFailure(ward.error(), log);
  if (!ward.value()) return errorResponse(404, "not_found", "No such venue.");
  // A venue outside every ward (made before wards were required) is no officer's to print.
  if (ward.value()->empty() || !areaContains(me.area, *ward.value()))
    return errorResponse(403, "outside_area", "That venue is outside your area.");
  auto rejected = store.rejectedVenues({venueId});
  if (!rejected) return storageFailure(rejected.error(), log);
  if (!rejected->empty())
    return errorResponse(403, "venue_rejected", "The commune rejected this venue's registration; no posters.");
  auto printed = posters::postersToPrint(store, venueId, "officer:" + me.username, now);
  if (!printed) {
    if (printed.error().kind == ErrorKind::NotFound)
      return errorResponse(409, "no_scan_points", "The venue has no scan point yet; add one, then print its posters.");
    if (printed.error().kind == ErrorKind::Malformed)  // the venue's stored data, not the request nor the database
      return errorResponse(409, "invalid_scan_point_id", printed.error().message);
    return storageFailure(printed.error(), log);
  }
  PrintedPosters out = std::move(printed).value();
  // Who printed which venue's posters, and whether new ones were signed; nothing personal.
  const AuditEntry audit{0, now, me.username, "print_posters", venueId, "", out.issued ? "issued" : "reprinted"};
  if (auto a = store.addAudit(audit); !a) return storageFailure(a.error(), log);
  ApiResponse r{200, std::move(out.pdf)};
  r.contentType = "application/pdf";
  r.contentDisposition = "attachment; filename=\"ap-phich-" + venueId + ".pdf\"";
  return r;
}

}  // namespace

void addVenuePosterRoutes(Router& router, Store& store, const std::function<int64_t()>& clock,
                          const std::function<void(const std::string&)>& log) {
  router.on("GET", "/api/v1/office/venues/{id}/posters.pdf",
            withOfficer(store, clock, log,
                        [&store, log](const ApiRequest&, const PathParams& p, const Officer& me, int64_t now) {
                          return venuePosters(store, me, p["id"], now, log);
                        }));
}

}  // namespace diemquet::server::office
