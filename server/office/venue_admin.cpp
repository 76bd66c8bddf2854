// The admin CLI's venue commands: create-venue (always in a ward), set-venue-area,
// add-scan-point, rename-scan-point, list-venues; and the start-up check that names venues
// no officer can see and scan points no poster can carry. Ids follow the core's rule (ids.hpp).
#include <iostream>

#include "ids.hpp"
#include "office_api.hpp"
#include "office_db.hpp"

namespace diemquet::server::office {

namespace {

// The ward a venue is placed in, with its district and province; a message naming the rule
// when `code` is not a ward of the area table.
Result<WardPath> venueWard(const std::string& code) {
  WardPath path;
  if (wardPath(code, path)) return path;
  const Area* a = findArea(code);
  if (a)
    return makeError(ErrorKind::Malformed, "--area " + code + " is a " + toString(a->level) + " (" +
                                               std::string(a->name) +
                                               "); a venue is placed in a ward or commune: give its code");
  return makeError(ErrorKind::Malformed, "--area " + code +
                                             " is not a known ward or commune code (e.g. 26743 = Phường Bến Thành, "
                                             "TP. Hồ Chí Minh); see the area table");
}

std::string areaLabel(const std::string& ward) {
  const Area* a = findArea(ward);
  return a ? ward + " " + std::string(a->name) : ward;
}

int error(const std::string& message, int rc = 1) {
  std::cerr << "error: " << message << "\n";
  return rc;
}

Result<bool> venueExists(Store& store, const std::string& id) {
  auto r = query(store, "SELECT 1 FROM venues WHERE venue_id = ?", {id});
  if (!r) return r.error();
  return !r->rows.empty();
}

int createVenue(const std::function<std::string(const std::string&)>& opt, Store& store, int64_t nowMs) {
  const std::string id = opt("id"), name = opt("name"), area = opt("area");
  if (id.empty() || name.empty() || area.empty())
    return error("create-venue needs --id V --name NAME --area WARD_CODE (a venue always lies in a ward)", 2);
  if (auto st = checkId("venue id", id); !st) return error(st.error().message, 2);
  auto path = venueWard(area);
  if (!path) return error(path.error().message, 2);
  auto exists = venueExists(store, id);
  if (!exists) return error(exists.error().message);
  if (exists.value()) return error("venue " + id + " already exists (set-venue-area places it in another ward)");
  const std::string category = opt("category").empty() ? "other" : opt("category");
  auto r = query(store,
                 "INSERT INTO venues(venue_id, name, address, category, staff_count, default_stay_minutes, "
                 "province_code, district_code, ward_code, registered_ms) VALUES (?,?,?,?,?,?,?,?,?,?)",
                 {id, name, opt("address"), category, int64_t(0), int64_t(120), path->province, path->district,
                  path->ward, nowMs});
  if (!r) return error(r.error().message);
  std::cout << "created venue " << id << " in " << areaLabel(path->ward) << "\n";
  return 0;
}

int setVenueArea(const std::function<std::string(const std::string&)>& opt, Store& store) {
  const std::string id = opt("venue"), area = opt("area");
  if (id.empty() || area.empty()) return error("set-venue-area needs --venue V --area WARD_CODE", 2);
  auto path = venueWard(area);
  if (!path) return error(path.error().message, 2);
  auto exists = venueExists(store, id);
  if (!exists) return error(exists.error().message);
  if (!exists.value()) return error("no venue " + id);
  auto r = query(store, "UPDATE venues SET province_code = ?, district_code = ?, ward_code = ? WHERE venue_id = ?",
                 {path->province, path->district, path->ward, id});
  if (!r) return error(r.error().message);
  std::cout << "venue " << id << " is in " << areaLabel(path->ward) << "\n";
  return 0;
}

int addScanPoint(const std::function<std::string(const std::string&)>& opt, Store& store) {
  const std::string venue = opt("venue"), id = opt("id"), name = opt("name");
  if (venue.empty() || id.empty() || name.empty()) return error("add-scan-point needs --venue V --id P --name NAME", 2);
  if (auto st = checkId("scan point id", id); !st) return error(st.error().message, 2);
  auto exists = venueExists(store, venue);
  if (!exists) return error(exists.error().message);
  if (!exists.value()) return error("no venue " + venue);
  if (auto st = store.addScanPoint(ScanPoint{id, venue, name}); !st) return error(st.error().message);
  std::cout << "added scan point " << id << "\n";
  return 0;
}

// For ids made before the rule: a scan point whose id a poster cannot carry gets a new one.
// Check-ins already stored keep the id they were made with.
int renameScanPoint(const std::function<std::string(const std::string&)>& opt, Store& store) {
  const std::string venue = opt("venue"), id = opt("id"), next = opt("new-id");
  if (venue.empty() || id.empty() || next.empty())
    return error("rename-scan-point needs --venue V --id OLD --new-id NEW", 2);
  if (auto st = checkId("scan point id", next); !st) return error(st.error().message, 2);
  auto r = store.runSql({{"SELECT 1 FROM scan_points WHERE venue_id = ? AND scan_point_id = ?", {venue, id}},
                         {"SELECT 1 FROM scan_points WHERE venue_id = ? AND scan_point_id = ?", {venue, next}}});
  if (!r) return error(r.error().message);
  if (r.value()[0].rows.empty()) return error("venue " + venue + " has no scan point " + id);
  if (!r.value()[1].rows.empty()) return error("venue " + venue + " already has a scan point " + next);
  auto u = store.runSql(
      {{"UPDATE scan_points SET scan_point_id = ? WHERE venue_id = ? AND scan_point_id = ?", {next, venue, id}},
       {"DELETE FROM posters WHERE venue_id = ? AND scan_point_id = ?", {venue, id}}});
  if (!u) return error(u.error().message);
  std::cout << "scan point " << id << " of venue " << venue << " is now " << next << "\n";
  return 0;
}

int listVenues(Store& store) {
  auto r =
      store.runSql({{"SELECT venue_id, ward_code, name FROM venues ORDER BY venue_id", {}},
                    {"SELECT venue_id, scan_point_id, name FROM scan_points ORDER BY venue_id, scan_point_id", {}}});
  if (!r) return error(r.error().message);
  for (const auto& v : r.value()[0].rows) {
    const std::string id = asText(v[0]), ward = asText(v[1]);
    std::cout << id << "\t" << (ward.empty() ? "NO AREA (set-venue-area)" : areaLabel(ward)) << "\t" << asText(v[2])
              << "\n";
    for (const auto& p : r.value()[1].rows)
      if (asText(p[0]) == id)
        std::cout << "  " << asText(p[1]) << "\t" << asText(p[2])
                  << (isValidId(asText(p[1])) ? "" : "\tID TOO LONG FOR A POSTER (rename-scan-point)") << "\n";
  }
  return 0;
}

}  // namespace

int venueAdminCommand(const std::string& cmd, const std::function<std::string(const std::string&)>& opt, Store& store,
                      int64_t nowMs) {
  if (cmd == "create-venue") return createVenue(opt, store, nowMs);
  if (cmd == "set-venue-area") return setVenueArea(opt, store);
  if (cmd == "add-scan-point") return addScanPoint(opt, store);
  if (cmd == "rename-scan-point") return renameScanPoint(opt, store);
  if (cmd == "list-venues") return listVenues(store);
  return -1;
}

Result<std::vector<std::string>> venueWarnings(Store& store) {
  auto r = store.runSql({{"SELECT venue_id FROM venues WHERE ward_code = '' ORDER BY venue_id", {}},
                         {"SELECT venue_id, scan_point_id FROM scan_points ORDER BY venue_id, scan_point_id", {}}});
  if (!r) return r.error();
  std::vector<std::string> out;
  for (const auto& v : r.value()[0].rows)
    out.push_back("venue " + asText(v[0]) +
                  " lies in no ward, so no officer sees its check-ins: admin set-venue-area --venue " + asText(v[0]) +
                  " --area WARD_CODE");
  for (const auto& p : r.value()[1].rows)
    if (!isValidId(asText(p[1])))
      out.push_back("scan point " + asText(p[1]) + " of venue " + asText(p[0]) + " breaks the id rule (" + kIdRule +
                    "), so it gets no poster: admin rename-scan-point --venue " + asText(p[0]) + " --id " +
                    asText(p[1]) + " --new-id NEW");
  return out;
}

}  // namespace diemquet::server::office
