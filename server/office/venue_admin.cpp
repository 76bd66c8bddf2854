// The admin CLI's venue commands: create-venue (always in a ward), set-venue-area,
// add-scan-point, rename-scan-point, list-venues; and the start-up check that names venues
// no officer can see and scan points no poster can carry. Ids follow the core's rule (ids.hpp).
#include <cstdlib>
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
  auto r = store.wardOfVenue(id);
  if (!r) return r.error();
  return r.value().has_value();
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
  OfficeVenue v;
  v.id = id;
  v.name = name;
  v.address = opt("address");
  v.category = category;
  v.province = path->province;
  v.district = path->district;
  v.ward = path->ward;
  // Staff numbers make the weekly report's scans-per-staff figure; unknown (0) gives none.
  if (const std::string staff = opt("staff"); !staff.empty()) {
    char* end = nullptr;
    const long n = std::strtol(staff.c_str(), &end, 10);
    if (*end != '\0' || n < 0 || n > 100000) return error("--staff must be a whole number from 0 to 100000", 2);
    v.staffCount = n;
  }
  if (auto r = store.addOfficeVenue(v, {}, nowMs); !r) return error(r.error().message);
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
  if (auto r = store.setVenueWard(id, path->province, path->district, path->ward); !r) return error(r.error().message);
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
  auto r = store.renameScanPoint(venue, id, next);
  if (!r) return error(r.error().message);
  if (r.value() == RenameOutcome::NoSuchPoint) return error("venue " + venue + " has no scan point " + id);
  if (r.value() == RenameOutcome::NewIdTaken) return error("venue " + venue + " already has a scan point " + next);
  std::cout << "scan point " << id << " of venue " << venue << " is now " << next << "\n";
  return 0;
}

int listVenues(Store& store) {
  auto r = store.venuesWithPoints();
  if (!r) return error(r.error().message);
  for (const VenueWithPoints& v : r.value()) {
    std::cout << v.id << "\t" << (v.ward.empty() ? "NO AREA (set-venue-area)" : areaLabel(v.ward)) << "\t" << v.name
              << "\n";
    for (const auto& [point, name] : v.points)
      std::cout << "  " << point << "\t" << name
                << (isValidId(point) ? "" : "\tID TOO LONG FOR A POSTER (rename-scan-point)") << "\n";
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
  auto r = store.venuesWithPoints();
  if (!r) return r.error();
  std::vector<std::string> out;
  for (const VenueWithPoints& v : r.value())
    if (v.ward.empty())
      out.push_back("venue " + v.id +
                    " lies in no ward, so no officer sees its check-ins: admin set-venue-area --venue " + v.id +
                    " --area WARD_CODE");
  for (const VenueWithPoints& v : r.value())
    for (const auto& [point, name] : v.points)
      if (!isValidId(point))
        out.push_back("scan point " + point + " of venue " + v.id + " breaks the id rule (" + kIdRule +
                      "), so it gets no poster: admin rename-scan-point --venue " + v.id + " --id " + point +
                      " --new-id NEW");
  return out;
}

}  // namespace diemquet::server::office
