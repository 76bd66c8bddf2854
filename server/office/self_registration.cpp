// The owner's key is 16 Crockford characters (80 bits) from OpenSSL's RAND_bytes, shown once
// and kept as SHA-256: a leaked database does not open anyone's venue. Keys are tried at most
// 20 times per network address per 15 minutes, so guessing is out of reach anyway.
#include "self_registration.hpp"

#include "office_api.hpp"

#include <algorithm>
#include <mutex>

#include "../areas/search_fold.hpp"
#include "../posters/posters.hpp"
#include "common/secrets.hpp"
#include "http/rate_limiter.hpp"
#include "http/request_input.hpp"
#include "ids.hpp"
#include "payload/normalize.hpp"
#include "text.hpp"

namespace diemquet::server::office {

namespace {

using nlohmann::json;

constexpr int64_t kHourMs = 3'600'000;
constexpr int kMaxRegistrationsPerIp = 5;     // per hour
constexpr int kMaxRegistrationsPerPhone = 3;  // per day
constexpr int kMaxOwnerKeyFailsPerIp = 20;    // per 15 minutes
constexpr int64_t kCodeTtlMs = 72 * kHourMs;
constexpr size_t kMaxScanPoints = 20;

struct Limits {
  std::mutex mutex;
  RateLimiter registrations{kHourMs}, ownerFails{15 * 60'000};
};
Limits& limits() {
  static Limits l;
  return l;
}

ApiResponse err(int status, ErrorCode code, const std::string& message) {
  return errorResponse(status, code, message);
}
ApiResponse storage(const Error&) {
  return err(503, "storage_unavailable", "The database is unavailable; nothing was stored. Retry later.");
}

json areaJson(const std::string& code) {
  const Area* a = findArea(code);
  return {{"code", code}, {"label", a ? std::string(a->label) : code}};
}

std::string newOwnerKey() {
  return newEnrollmentCode() + "-" + newEnrollmentCode().substr(0, 4);
}

// The venue as its owner may see it (their own data, nothing of anyone else).
Result<json> ownerView(Store& store, const OwnedVenue& owned) {
  auto v = store.findVenue(owned.venueId);
  if (!v) return v.error();
  if (!v.value()) return makeError(ErrorKind::NotFound, "venue gone");
  auto pts = store.scanPoints(owned.venueId);
  if (!pts) return pts.error();
  json points = json::array();
  for (const ScanPoint& p : pts.value()) points.push_back({{"id", p.id}, {"name", p.name}});
  const Venue& x = *v.value();
  return json{{"id", x.id},
              {"name", x.name},
              {"address", x.address},
              {"category", x.category},
              {"staffCount", x.staffCount},
              {"ward", areaJson(owned.ward)},
              {"status", owned.verification},
              {"reason", owned.verification == "rejected" ? owned.note : std::string()},
              {"scanPoints", points}};
}

Result<std::vector<std::string>> issueCodes(Store& store, const std::string& venueId, size_t n, int64_t now) {
  std::vector<std::string> codes;
  for (size_t i = 0; i < n; ++i) {
    codes.push_back(newEnrollmentCode());
    if (auto st =
            store.addEnrollmentCode(venueId, sha256Hex(normalizeEnrollmentCode(codes.back())), now, now + kCodeTtlMs);
        !st)
      return st.error();
  }
  return codes;
}

bool pointName(const json& n, std::string& out) {
  if (!n.is_string()) return false;
  out = payload::toNfc(n.get<std::string>());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  return !out.empty() && out.size() <= 100 && text::isValidUtf8(out) && !text::hasControlChars(out);
}

ApiResponse registerVenue(const ApiRequest& req, Store& store, int64_t now) {
  json body;
  if (auto bad = parseJsonObject(req.body, body)) return *bad;
  std::string name, address, ward, category, phone;
  int64_t staff = 0;
  if (!textField(body, "name", 200, true, name))
    return err(400, "bad_name", "Field 'name' is required, 200 characters at most.");
  if (!textField(body, "address", 300, true, address))
    return err(400, "bad_address", "Field 'address' (house number and street) is required, 300 characters at most.");
  if (!textField(body, "ward", 8, true, ward)) return err(400, "unknown_ward", "Field 'ward' must be a commune code.");
  if (!textField(body, "category", 32, true, category) || !isVenueCategory(category))
    return err(400, "bad_category", "Field 'category' must be one of the venue kinds of decision 2666/QĐ-BYT.");
  if (!intField(body, "staffCount", 0, 100000, 0, staff))
    return err(400, "bad_staff_count", "Field 'staffCount' must be a whole number from 0 to 100000.");
  if (!textField(body, "phone", 24, true, phone) || phoneKey(phone).empty())
    return err(400, "bad_phone", "Field 'phone' must be a Vietnamese phone number (10 or 11 digits from 0).");
  WardPath path;
  if (!wardPath(ward, path)) return err(400, "unknown_ward", "Field 'ward' is not a current commune code.");
  std::vector<std::string> points;
  auto sp = body.find("scanPoints");
  if (sp == body.end() || !sp->is_array() || sp->empty() || sp->size() > kMaxScanPoints)
    return err(400, "bad_scan_points", "Field 'scanPoints' must list 1 to 20 scan point names.");
  for (const auto& n : *sp) {
    std::string p;
    if (!pointName(n, p)) return err(400, "bad_scan_points", "Each scan point needs a name, 100 characters at most.");
    points.push_back(p);
  }
  // Limits, checked after the input is known to be good (a typo does not use up a try).
  const std::string ipKey = "ip:" + req.remoteAddr, phoneDigits = phoneKey(phone);
  {
    std::lock_guard lock(limits().mutex);
    if (limits().registrations.count(ipKey, now) >= kMaxRegistrationsPerIp)
      return err(429, "too_many_registrations", "Too many registrations from this network; try again in an hour.");
  }
  auto byPhone = store.selfRegistrationsOfPhone(phoneDigits, now - 24 * kHourMs);
  if (!byPhone) return storage(byPhone.error());
  if (byPhone.value() >= kMaxRegistrationsPerPhone)
    return err(429, "too_many_for_phone", "This phone number registered 3 venues today; try again tomorrow.");

  SelfRegistration r;
  r.venue.id = newVenueId(ward);
  if (r.venue.id.empty()) return err(500, "internal", "Could not make a venue id for that commune.");
  r.venue.name = name;
  r.venue.address = address;
  r.venue.category = category;
  r.venue.staffCount = int(staff);
  r.phone = phone;
  r.province = path.province;
  r.district = path.district;
  r.ward = path.ward;
  for (size_t i = 0; i < points.size(); ++i) r.points.push_back({"p" + std::to_string(i + 1), r.venue.id, points[i]});
  r.nameKey = areas::foldForSearch(name);
  r.addressKey = areas::foldForSearch(address);
  r.phoneKey = phoneDigits;
  const std::string ownerKey = newOwnerKey();
  r.ownerKeyHash = sha256Hex(normalizeEnrollmentCode(ownerKey));
  std::vector<std::string> codes;
  for (size_t i = 0; i < points.size(); ++i) {
    codes.push_back(newEnrollmentCode());
    r.codeHashes.push_back(sha256Hex(normalizeEnrollmentCode(codes.back())));
  }
  r.codesExpireMs = now + kCodeTtlMs;
  r.registeredMs = now;
  if (auto st = store.registerSelfVenue(r); !st) return storage(st.error());
  {
    std::lock_guard lock(limits().mutex);
    limits().registrations.add(ipKey, now);
  }
  json pts = json::array();
  for (const ScanPoint& p : r.points) pts.push_back({{"id", p.id}, {"name", p.name}});
  return ApiResponse{201, json{{"venue",
                                {{"id", r.venue.id},
                                 {"name", name},
                                 {"address", address},
                                 {"category", category},
                                 {"ward", areaJson(ward)},
                                 {"status", "self"}}},
                               {"scanPoints", pts},
                               {"ownerKey", ownerKey},
                               {"codes", codes},
                               {"codesExpireMs", r.codesExpireMs}}
                              .dump()};
}

// /api/v1/owner/...: the owner's key opens exactly one venue.
ApiResponse ownerRequest(const ApiRequest& req, const std::string& what, Store& store, int64_t now) {
  const std::string ipKey = "ip:" + req.remoteAddr;
  {
    std::lock_guard lock(limits().mutex);
    if (limits().ownerFails.count(ipKey, now) >= kMaxOwnerKeyFailsPerIp)
      return err(429, "too_many_attempts", "Too many wrong keys from this network; try again in 15 minutes.");
  }
  auto key = bearerToken(req.authorization);
  if (!key) return err(401, "unauthorized", "Send 'Authorization: Bearer <owner key>'.");
  auto owned = store.venueOfOwnerKey(sha256Hex(normalizeEnrollmentCode(*key)));
  if (!owned) return storage(owned.error());
  if (!owned.value()) {
    std::lock_guard lock(limits().mutex);
    limits().ownerFails.add(ipKey, now);
    return err(401, "unknown_owner_key", "This owner key opens no venue. Check it against what was shown.");
  }
  const OwnedVenue& v = *owned.value();
  if (v.verification == "rejected" && what != "venue")
    return err(403, "venue_rejected", "The commune rejected this registration; contact the commune office.");
  if (what == "venue") {
    if (req.method != "GET") return err(405, "method_not_allowed", "Use GET.");
    auto view = ownerView(store, v);
    if (!view) return storage(view.error());
    return ApiResponse{200, view->dump()};
  }
  if (what == "posters") {
    if (req.method != "GET") return err(405, "method_not_allowed", "Use GET.");
    const std::string point = queryParam(req.query, "point");
    auto pdf = posters::issuePosters(store, v.venueId, 0, 0, "owner", now, point);
    if (!pdf && pdf.error().kind == ErrorKind::NotFound) return err(404, "not_found", "No such scan point.");
    if (!pdf) return storage(pdf.error());
    ApiResponse r{200, std::move(pdf).value()};
    r.contentType = "application/pdf";
    r.contentDisposition =
        "attachment; filename=\"diemquet-poster-" + v.venueId + (point.empty() ? "" : "-" + point) + ".pdf\"";
    return r;
  }
  json body = json::object();
  if (!req.body.empty())
    if (auto bad = parseJsonObject(req.body, body)) return *bad;
  if (what == "scan-points") {
    if (req.method != "POST") return err(405, "method_not_allowed", "Use POST.");
    std::string name;
    if (!pointName(body.value("name", json()), name))
      return err(400, "bad_scan_points", "Field 'name' is the scan point's name, 100 characters at most.");
    auto pts = store.scanPoints(v.venueId);
    if (!pts) return storage(pts.error());
    if (pts->size() >= kMaxScanPoints) return err(400, "too_many_scan_points", "A venue has at most 20 scan points.");
    int next = 1;
    for (const ScanPoint& p : pts.value())
      if (p.id.size() > 1 && p.id[0] == 'p') next = std::max(next, std::atoi(p.id.c_str() + 1) + 1);
    ScanPoint p{"p" + std::to_string(next), v.venueId, name};
    if (auto st = store.addScanPoint(p); !st) return storage(st.error());
    auto codes = issueCodes(store, v.venueId, 1, now);
    if (!codes) return storage(codes.error());
    return ApiResponse{201, json{{"id", p.id}, {"name", p.name}, {"codes", codes.value()}}.dump()};
  }
  if (what == "codes") {
    if (req.method != "POST") return err(405, "method_not_allowed", "Use POST.");
    int64_t count = 1;
    if (!intField(body, "count", 1, 5, 1, count)) return err(400, "bad_request", "'count' must be 1 to 5.");
    auto codes = issueCodes(store, v.venueId, size_t(count), now);
    if (!codes) return storage(codes.error());
    return ApiResponse{201, json{{"codes", codes.value()}, {"expiresMs", now + kCodeTtlMs}}.dump()};
  }
  return err(404, "not_found", "No such API endpoint.");
}

}  // namespace

namespace {

ApiResponse listToVerify(Store& store, const Officer& me) {
  {
    auto list = store.venuesToVerify(me.column(), me.area);
    if (!list) return storage(list.error());
    json out = json::array();
    for (const VenueToVerify& v : list.value())
      out.push_back({{"id", v.venueId},
                     {"name", v.name},
                     {"address", v.address},
                     {"category", v.category},
                     {"phone", v.phone},
                     {"ward", areaJson(v.ward)},
                     {"staffCount", v.staffCount},
                     {"registered", formatDateTime(v.registeredMs)},
                     {"sameAs", v.sameAs}});
    return ApiResponse{200, json{{"venues", out}}.dump()};
  }
}

ApiResponse verify(const ApiRequest& req, const std::string& id, Store& store, const Officer& me, int64_t nowMs) {
  {
    json body;
    if (auto bad = parseJsonObject(req.body, body)) return *bad;
    std::string decision, note;
    if (!textField(body, "decision", 16, true, decision) || (decision != "confirm" && decision != "reject"))
      return err(400, "bad_decision", "Field 'decision' must be confirm or reject.");
    if (!textField(body, "note", 1000, decision == "reject", note))
      return err(400, "note_required", "A rejection needs a 'note' saying why (1000 characters at most).");
    // Only a venue of the officer's area awaiting review; anything else answers like a missing one.
    auto list = store.venuesToVerify(me.column(), me.area);
    if (!list) return storage(list.error());
    if (std::none_of(list->begin(), list->end(), [&](const VenueToVerify& v) { return v.venueId == id; }))
      return err(404, "not_found", "No self-registered venue awaiting review with that id in your area.");
    auto done = store.decideVenue(id, decision == "confirm", me.username, note, nowMs);
    if (!done) return storage(done.error());
    if (!done.value())
      return err(404, "not_found", "No self-registered venue awaiting review with that id in your area.");
    return ApiResponse{200, json{{"id", id}, {"status", decision == "confirm" ? "verified" : "rejected"}}.dump()};
  }
}

}  // namespace

std::string phoneKey(const std::string& typed) {
  std::string d;
  for (char c : typed) {
    if (c >= '0' && c <= '9')
      d += c;
    else if (c != ' ' && c != '.' && c != '-' && c != '+' && c != '(' && c != ')')
      return {};
  }
  if (typed.find('+') != std::string::npos) {
    if (d.rfind("84", 0) != 0) return {};
    d = "0" + d.substr(2);
  }
  if (d.size() < 10 || d.size() > 11 || d[0] != '0') return {};
  return d;
}

void addSelfRegistrationRoutes(Router& router, Store& store, const Clock& clock, const Logger& log) {
  router.on("POST", "/api/v1/self-registrations",
            [&store, clock](const ApiRequest& req, const PathParams&) { return registerVenue(req, store, clock()); });
  // The owner's key opens exactly one venue (ownerRequest).
  for (auto [method, what] : {std::pair{"GET", "venue"}, {"GET", "posters"}, {"POST", "scan-points"}, {"POST", "codes"}})
    router.on(method, std::string("/api/v1/owner/") + what, [&store, clock, what](const ApiRequest& req, const PathParams&) {
      return ownerRequest(req, what, store, clock());
    });
  router.on("GET", "/api/v1/office/self-registrations",
            withOfficer(store, clock, log, [&store](const ApiRequest&, const PathParams&, const Officer& me, int64_t) {
              return listToVerify(store, me);
            }));
  router.on("POST", "/api/v1/office/venues/{id}/verify",
            withOfficer(store, clock, log,
                        [&store](const ApiRequest& req, const PathParams& p, const Officer& me, int64_t now) {
                          return verify(req, p["id"], store, me, now);
                        }));
}

}  // namespace diemquet::server::office
