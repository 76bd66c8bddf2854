// POST /api/v1/presence (issue #17): who of the venue's people was last seen going in or out
// at any of its stations, and the corrections of the asking station's own records. Asked by
// every online station every ~10 s, so it reads only the last two stays of the venue's records
// (by index) and sends only presence keys (hashes), directions and times.
#include <map>

#include "sync_api.hpp"

#include "http/request_input.hpp"
#include "ops/metrics.hpp"
#include "common/secrets.hpp"
#include "sync/presence.hpp"
#include "common/venue_timeline.hpp"

namespace diemquet::server {

using nlohmann::json;

ApiResponse presence(const ApiRequest& req, Store& store, int64_t now,
                     const std::function<void(const std::string&)>& log) {
  auto device = authenticateDevice(req, store, log);  // as for uploads (sync_api.cpp)
  if (auto* refused = std::get_if<ApiResponse>(&device)) return *refused;
  const Principal& who = std::get<Principal>(device);
  auto storageFailure = [&log](const Error& e) { return storageUnavailable(e, log); };
  json body;
  if (auto bad = parseJsonObject(req.body, body)) return *bad;
  if (body.value("device", json()) != json(who.deviceId))
    return errorResponse(403, "device_mismatch", "The device id does not match the device token.");

  auto venue = store.findVenue(who.venueId);
  if (!venue) return storageFailure(venue.error());
  const int stayMinutes =
      venue.value() && venue.value()->defaultStayMinutes > 0 ? venue.value()->defaultStayMinutes : 120;
  const int64_t stayMs = int64_t(stayMinutes) * 60'000;
  // Two stays back: enough to see every visit still open now and the "in" that a recent
  // offline "in" closes.
  auto recs = store.recentCheckInsOfVenue(who.venueId, now - 2 * stayMs);
  if (!recs) return storageFailure(recs.error());

  std::vector<TimelineEntry> timeline;
  for (const CheckIn& c : recs.value()) {
    if (c.voided) continue;
    timeline.push_back(
        TimelineEntry{c.person.key, c.deviceId, c.seq, c.at.utcMs, c.direction == Direction::In, true, c.scanPointId});
  }
  reconcileTimelines(timeline, stayMs);
  json people = json::array(), corrections = json::array();
  for (size_t i = 0; i < timeline.size(); ++i) {
    const TimelineEntry& e = timeline[i];
    if (e.deviceId == who.deviceId && e.effectiveIn != e.in)
      corrections.push_back({{"seq", e.seq}, {"dir", e.effectiveIn ? "in" : "out"}, {"samePoint", e.closesSamePoint}});
    const bool lastOfPerson = i + 1 == timeline.size() || timeline[i + 1].person != e.person;
    // Where and by whom: a second phone at the same gate takes an entry moments old for a
    // repeat, not for the way out (Station::repeatedEntry).
    if (lastOfPerson)
      people.push_back({{"p", sync::presenceKey(who.venueId, e.person)},
                        {"d", e.effectiveIn ? "in" : "out"},
                        {"t", e.atMs},
                        {"sp", e.scanPoint},
                        {"own", e.deviceId == who.deviceId}});
  }
  return ApiResponse{200, json{{"asOfMs", now}, {"people", people}, {"corrections", corrections}}.dump()};
}

}  // namespace diemquet::server
