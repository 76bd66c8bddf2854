// The office API's routing, authentication and handlers. Officers authenticate with a
// session token from /api/v1/office/login; every answer about a venue, a report or a person
// is limited to the officer's area, and anything outside it is answered exactly like
// something that does not exist.
#include "office_api.hpp"

#include "ids.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <tuple>

#include "../areas/registry.hpp"
#include "../areas/search_fold.hpp"
#include "../storage/base64.hpp"
#include "check_in_json.hpp"
#include "common/secrets.hpp"
#include "export_names.hpp"
#include "http/rate_limiter.hpp"
#include "http/request_input.hpp"
#include "masking.hpp"
#include "office_db.hpp"
#include "officers_api.hpp"
#include "passwords.hpp"
#include "payload/normalize.hpp"
#include "report.hpp"
#include "self_registration.hpp"
#include "text.hpp"
#include "trace.hpp"
#include "venue_import.hpp"
#include "venue_posters.hpp"

namespace diemquet::server::office {

using nlohmann::json;

namespace {

constexpr int64_t kSessionIdleMs = 8 * 3'600'000;  // a session ends after 8 h without requests
constexpr int64_t kLoginWindowMs = 15 * 60'000;    // failed logins counted over 15 min
constexpr int kMaxFailsPerUser = 5, kMaxFailsPerIp = 20;
constexpr int64_t kReportWindowMs = 3'600'000;  // public violation reports: 10 per IP per hour
constexpr int kMaxReportsPerIp = 10;
constexpr size_t kMaxPhotoBytes = 1024 * 1024;

const char* const kViolationKinds[] = {"no_poster", "wrong_info", "cannot_scan", "staff_not_checking"};

int g_retentionDays = 28;

struct State {
  RateLimiter logins{kLoginWindowMs}, reports{kReportWindowMs};
};

State& stateFor(Store& store) {
  static std::mutex mutex;
  static std::map<Store*, std::unique_ptr<State>> all;
  std::lock_guard lock(mutex);
  auto& s = all[&store];
  if (!s) s = std::make_unique<State>();
  return *s;
}

ApiResponse err(int status, ErrorCode code, const std::string& message) {
  return errorResponse(status, code, message);
}
ApiResponse notFoundVenue() {
  return err(404, "not_found", "No such venue in your area.");
}

class Office {
 public:
  Office(const ApiRequest& req, Store& store, const Clock& clock, const Logger& log)
      : m_req(req), m_store(store), m_now(clock()), m_log(log), m_state(stateFor(store)) {}

  // Fills m_officer from the bearer session token; an error response otherwise.
  std::optional<ApiResponse> authenticate();
  const Officer& officer() const { return m_officer; }
  int64_t now() const { return m_now; }

  // The handlers, one per route (addRoutes below).
  ApiResponse config();
  ApiResponse login();
  ApiResponse logout();
  ApiResponse me();
  ApiResponse areas();
  ApiResponse registerVenue();
  ApiResponse listVenues();
  ApiResponse venueDetail(const std::string& id);
  ApiResponse issueCodes(const std::string& id);
  ApiResponse remind(const std::string& id);
  ApiResponse report();
  ApiResponse reportViolation();
  ApiResponse listViolations();
  ApiResponse resolveViolation(const std::string& id);
  ApiResponse violationPhoto(const std::string& id);
  ApiResponse trace();
  ApiResponse feed();
  ApiResponse auditTrail();

 private:
  ApiResponse storageFailure(const Error& e) {
    if (m_log) m_log("office storage error: " + e.message);
    return err(503, "storage_unavailable", "The database is unavailable. Retry later.");
  }
  bool is(const char* method) const { return m_req.method == method; }
  ApiResponse wrongMethod(const char* allowed) {
    return err(405, "method_not_allowed", std::string("Use ") + allowed + ".");
  }

  Result<std::optional<OfficeVenue>> venueInArea(const std::string& id);

  const ApiRequest& m_req;
  Store& m_store;
  int64_t m_now;
  const Logger& m_log;
  State& m_state;
  Officer m_officer;
  std::string m_tokenHash;
};

std::optional<ApiResponse> Office::authenticate() {
  auto token = bearerToken(m_req.authorization);
  if (!token) return err(401, "unauthorized", "Log in first: send 'Authorization: Bearer <session token>'.");
  m_tokenHash = sha256Hex(*token);
  auto r = m_store.officeSession(m_tokenHash);
  if (!r) return storageFailure(r.error());
  const std::optional<OfficeSession>& s = r.value();
  if (!s || m_now - s->lastUsedMs > kSessionIdleMs || s->officerDisabled)
    return err(401, "session_expired", "The session has ended; log in again.");
  m_officer.username = s->username;
  m_officer.area = s->area;
  if (!areaLevelFromString(s->level, m_officer.level)) return err(401, "session_expired", "Log in again.");
  if (m_now - s->lastUsedMs > 60'000)
    if (auto u = m_store.touchOfficeSession(m_tokenHash, m_now); !u) return storageFailure(u.error());
  return std::nullopt;
}

Result<std::optional<OfficeVenue>> Office::venueInArea(const std::string& id) {
  auto r = m_store.officeVenue(id);
  if (!r) return r.error();
  if (r.value() && (r.value()->ward.empty() || !areaContains(m_officer.area, r.value()->ward)))
    return std::optional<OfficeVenue>();
  return r;
}

ApiResponse Office::config() {
  return jsonOk({{"retentionDays", g_retentionDays}, {"serverTimeMs", m_now}, {"sessionIdleHours", 8}});
}

ApiResponse Office::login() {
  json body;
  if (auto bad = parseJsonObject(m_req.body, body)) return *bad;
  std::string user, password;
  if (!textField(body, "username", 64, true, user) || !textField(body, "password", 256, true, password))
    return err(400, "bad_request", "Send 'username' and 'password'.");
  const std::string userKey = "u:" + user, ipKey = "ip:" + m_req.remoteAddr;
  if (m_state.logins.count(userKey, m_now) >= kMaxFailsPerUser || m_state.logins.count(ipKey, m_now) >= kMaxFailsPerIp)
    return err(429, "too_many_attempts", "Too many failed logins; wait 15 minutes.");
  auto r = m_store.activeOfficer(user);
  if (!r) return storageFailure(r.error());
  // An unknown user costs the same hash as a known one, so timing does not tell them apart.
  static const std::string kDummy = hashPassword("dummy password for timing");
  const std::optional<OfficerRow>& known = r.value();
  const bool ok = verifyPassword(known ? known->passwordHash : kDummy, password) && known;
  if (!ok) {
    m_state.logins.add(userKey, m_now);
    m_state.logins.add(ipKey, m_now);
    if (m_log) m_log("office login refused for user " + redactForLog(user));
    return err(401, "invalid_credentials", "Wrong username or password.");
  }
  m_state.logins.clear(userKey);
  std::string token = newDeviceToken();
  if (auto w = m_store.openOfficeSession(user, sha256Hex(token), m_now, m_now - kSessionIdleMs); !w)
    return storageFailure(w.error());
  const std::string level = known->level, area = known->area;
  const Area* a = findArea(area);
  return jsonOk({{"token", token},
                 {"idleTimeoutMs", kSessionIdleMs},
                 {"officer",
                  {{"username", user},
                   {"level", level},
                   {"area", {{"code", area}, {"name", a ? std::string(a->name) : area}}}}}});
}

ApiResponse Office::logout() {
  if (auto r = m_store.endOfficeSession(m_tokenHash); !r) return storageFailure(r.error());
  return jsonOk({{"ok", true}});
}

ApiResponse Office::me() {
  const Area* a = findArea(m_officer.area);
  return jsonOk({{"username", m_officer.username},
                 {"level", toString(m_officer.level)},
                 {"area", {{"code", m_officer.area}, {"name", a ? std::string(a->name) : m_officer.area}}}});
}

ApiResponse Office::areas() {
  json out = json::array();
  for (const Area& a : allAreas())
    if (areaContains(m_officer.area, a.code))
      out.push_back({{"code", a.code}, {"name", a.name}, {"level", toString(a.level)}, {"parent", a.parent}});
  return jsonOk({{"areas", out}});
}

ApiResponse Office::registerVenue() {
  json body;
  if (auto bad = parseJsonObject(m_req.body, body)) return *bad;
  std::string name, address, ward, category, phone;
  int64_t staff = 0, stay = 0, validFrom = 0, validTo = 0;
  if (!textField(body, "name", 200, true, name))
    return err(400, "bad_request", "Field 'name' is required (200 characters at most).");
  if (!textField(body, "address", 300, false, address)) return err(400, "bad_request", "Field 'address' must be text.");
  if (!textField(body, "ward", 8, true, ward)) return err(400, "bad_request", "Field 'ward' must be a ward code.");
  if (!textField(body, "category", 32, true, category) || !isVenueCategory(category))
    return err(400, "bad_request", "Field 'category' must be one of the venue kinds of decision 2666/QĐ-BYT.");
  if (!textField(body, "phone", 20, false, phone)) return err(400, "bad_request", "Field 'phone' must be text.");
  if (!intField(body, "staffCount", 0, 100000, 0, staff))
    return err(400, "bad_request", "Field 'staffCount' must be 0 to 100000.");
  if (!intField(body, "defaultStayMinutes", 5, 24 * 60, 120, stay))
    return err(400, "bad_request", "Field 'defaultStayMinutes' must be 5 to 1440.");
  if (!intField(body, "validFrom", 0, INT64_MAX, 0, validFrom) ||
      !intField(body, "validTo", 0, INT64_MAX, 0, validTo) || (validTo && validTo < validFrom))
    return err(400, "bad_request", "Fields 'validFrom'/'validTo' must be times in ms, validFrom before validTo.");
  WardPath path;
  if (!wardPath(ward, path)) return err(400, "unknown_ward", "Field 'ward' is not a known ward code.");
  if (!areaContains(m_officer.area, ward)) return err(403, "outside_area", "That ward is outside your area.");
  std::vector<std::string> points;
  auto sp = body.find("scanPoints");
  if (sp != body.end()) {
    if (!sp->is_array() || sp->size() > 50)
      return err(400, "bad_request", "Field 'scanPoints' must be a list of names.");
    for (const auto& n : *sp) {
      if (!n.is_string() || n.get<std::string>().empty() || n.get<std::string>().size() > 100 ||
          text::hasControlChars(n.get<std::string>()))
        return err(400, "bad_request", "Each scan point needs a name (100 characters at most).");
      points.push_back(n.get<std::string>());
    }
  }
  if (points.empty()) points.push_back("Cổng chính");
  const std::string id = newVenueId(ward);
  if (id.empty()) return err(500, "internal", "Could not make a venue id for that ward.");
  const OfficeVenue venue{id,    name, address,   category, phone, path.ward, path.district, path.province,
                          staff, stay, validFrom, validTo};
  std::vector<ScanPoint> scanPoints;
  json pts = json::array();
  for (size_t i = 0; i < points.size(); ++i) {
    scanPoints.push_back(ScanPoint{"p" + std::to_string(i + 1), id, points[i]});
    pts.push_back({{"id", scanPoints.back().id}, {"name", points[i]}});
  }
  if (auto r = m_store.addOfficeVenue(venue, scanPoints, m_now); !r) return storageFailure(r.error());
  return jsonOk({{"id", id}, {"name", name}, {"ward", ward}, {"scanPoints", pts}}, 201);
}

ApiResponse Office::listVenues() {
  std::string ward = queryParam(m_req.query, "ward");
  if (!ward.empty() && !areaContains(m_officer.area, ward))
    return err(403, "outside_area", "That ward is outside your area.");
  // `q`: the venues whose name holds these words, marks and case ignored ("cho ben thanh" finds
  // "Chợ Bến Thành"): an officer looks a venue up by what a caller said over the phone.
  std::string q = queryParam(m_req.query, "q");
  if (q.size() > 200) return err(400, "bad_request", "'q' must be at most 200 characters.");
  const std::string wanted = areas::foldForSearch(q);
  auto r = m_store.venuesOfArea(m_officer.column(), m_officer.area, ward);
  if (!r) return storageFailure(r.error());
  json out = json::array();
  for (const OfficeVenue& v : r.value()) {
    if (!wanted.empty() && (" " + areas::foldForSearch(v.name) + " ").find(" " + wanted) == std::string::npos) continue;
    out.push_back(
        {{"id", v.id}, {"name", v.name}, {"category", v.category}, {"ward", v.ward}, {"staffCount", v.staffCount}});
  }
  return jsonOk({{"venues", out}});
}

ApiResponse Office::venueDetail(const std::string& id) {
  auto v = venueInArea(id);
  if (!v) return storageFailure(v.error());
  if (!v.value()) return notFoundVenue();
  const OfficeVenue& x = *v.value();
  auto r = m_store.venuePointsAndReminders(id);
  if (!r) return storageFailure(r.error());
  json pts = json::array();
  for (const ScanPoint& p : r.value().first) pts.push_back({{"id", p.id}, {"name", p.name}});
  const int64_t reminders = r.value().second;
  return jsonOk({{"id", x.id},
                 {"name", x.name},
                 {"address", x.address},
                 {"category", x.category},
                 {"phone", x.phone},
                 {"ward", x.ward},
                 {"district", x.district},
                 {"province", x.province},
                 {"staffCount", x.staffCount},
                 {"defaultStayMinutes", x.defaultStayMinutes},
                 {"scanPoints", pts},
                 {"reminders", reminders},
                 {"flaggedForSuspension", reminders > kSuspendAfterReminders}});
}

ApiResponse Office::issueCodes(const std::string& id) {
  json body = json::object();
  if (!m_req.body.empty())
    if (auto bad = parseJsonObject(m_req.body, body)) return *bad;
  int64_t count = 1, ttl = 72;
  if (!intField(body, "count", 1, 20, 1, count) || !intField(body, "ttlHours", 1, 720, 72, ttl))
    return err(400, "bad_request", "'count' must be 1 to 20 and 'ttlHours' 1 to 720.");
  auto v = venueInArea(id);
  if (!v) return storageFailure(v.error());
  if (!v.value()) return notFoundVenue();
  json codes = json::array();
  std::vector<std::string> hashes;
  const int64_t expires = m_now + ttl * 3'600'000;
  for (int64_t i = 0; i < count; ++i) {
    std::string code = newEnrollmentCode();
    codes.push_back(code);
    hashes.push_back(sha256Hex(normalizeEnrollmentCode(code)));
  }
  const AuditEntry audit{0, m_now, m_officer.username, "issue_codes", id, "", std::to_string(count) + " codes"};
  if (auto r = m_store.issueEnrollmentCodes(id, hashes, m_now, expires, audit); !r) return storageFailure(r.error());
  return jsonOk({{"venue", id}, {"codes", codes}, {"expiresMs", expires}}, 201);
}

ApiResponse Office::remind(const std::string& id) {
  json body = json::object();
  if (!m_req.body.empty())
    if (auto bad = parseJsonObject(m_req.body, body)) return *bad;
  std::string note;
  if (!textField(body, "note", 1000, false, note)) return err(400, "bad_request", "Field 'note' must be text.");
  auto v = venueInArea(id);
  if (!v) return storageFailure(v.error());
  if (!v.value()) return notFoundVenue();
  auto r = m_store.addReminder(id, m_officer.username, m_now, note);
  if (!r) return storageFailure(r.error());
  const int64_t n = r.value();
  return jsonOk({{"venue", id}, {"reminders", n}, {"flaggedForSuspension", n > kSuspendAfterReminders}}, 201);
}

ApiResponse Office::report() {
  IsoWeek week = isoWeekOf(m_now);
  const std::string w = queryParam(m_req.query, "week");
  if (!w.empty() && !parseIsoWeek(w, week)) return err(400, "bad_week", "'week' must be an ISO week like 2026-W48.");
  std::string area = queryParam(m_req.query, "area");
  if (area.empty()) area = m_officer.area;
  if (!findArea(area)) return err(400, "unknown_area", "'area' is not a known area code.");
  if (!areaContains(m_officer.area, area)) return err(403, "outside_area", "That area is outside yours.");
  ExportLang lang = ExportLang::Vi;
  if (!parseExportLang(queryParam(m_req.query, "lang"), lang))
    return err(400, "bad_request", "'lang' must be vi or en (the language of the exported file).");
  auto rep = buildReport(m_store, area, week);
  if (!rep) return storageFailure(rep.error());
  const std::string format = queryParam(m_req.query, "format");
  // Named in the file's language, as the office names its download (export_names.hpp).
  const auto name = [&](const char* ext) { return reportFileName(area, week.label(), ext, lang == ExportLang::En); };
  if (format.empty() || format == "json") return jsonOk(reportJson(rep.value()));
  if (format == "csv")
    return ApiResponse{200, reportCsv(rep.value(), lang), "text/csv; charset=utf-8",
                       "attachment; filename=\"" + name("csv") + "\""};
  if (format == "html") return ApiResponse{200, reportHtml(rep.value(), lang), "text/html; charset=utf-8", ""};
  if (format == "xlsx") {
    auto x = reportXlsx(rep.value(), lang);
    if (!x) return storageFailure(x.error());
    return ApiResponse{200, std::move(x).value(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       "attachment; filename=\"" + name("xlsx") + "\""};
  }
  return err(400, "bad_format", "'format' must be json, csv, xlsx or html.");
}

ApiResponse Office::reportViolation() {
  const bool officer = !m_officer.username.empty();
  const std::string ipKey = "ip:" + m_req.remoteAddr;
  if (!officer && m_state.reports.count(ipKey, m_now) >= kMaxReportsPerIp)
    return err(429, "too_many_reports", "Too many reports from this address; try again later.");
  json body;
  if (auto bad = parseJsonObject(m_req.body, body)) return *bad;
  std::string venue, kind, note, photoB64, photoType;
  if (!textField(body, "venue", 64, true, venue)) return err(400, "bad_request", "Field 'venue' is the venue id.");
  if (!textField(body, "kind", 32, true, kind) ||
      std::none_of(std::begin(kViolationKinds), std::end(kViolationKinds), [&](const char* k) { return kind == k; }))
    return err(400, "bad_request", "Field 'kind' must be no_poster, wrong_info, cannot_scan or staff_not_checking.");
  if (!textField(body, "note", 2000, false, note)) return err(400, "bad_request", "Field 'note' must be text.");
  if (!textField(body, "photo", kMaxPhotoBytes * 4 / 3 + 8, false, photoB64))
    return err(413, "photo_too_large", "The photo must be a JPEG or PNG of at most 1 MB, base64-encoded.");
  std::string photo;
  if (!photoB64.empty()) {
    photo = base64Decode(photoB64);
    const bool jpeg = photo.size() > 3 && photo.compare(0, 3, "\xFF\xD8\xFF") == 0;
    const bool png = photo.size() > 8 && photo.compare(0, 8, "\x89PNG\r\n\x1A\n") == 0;
    if (!jpeg && !png) return err(400, "bad_photo", "The photo must be a JPEG or PNG, base64-encoded.");
    if (photo.size() > kMaxPhotoBytes) return err(413, "photo_too_large", "The photo must be at most 1 MB.");
    photoType = jpeg ? "image/jpeg" : "image/png";
  }
  auto ward = m_store.wardOfVenue(venue);
  if (!ward) return storageFailure(ward.error());
  if (!ward.value() || ward.value()->empty()) return err(404, "not_found", "No such venue.");
  // An officer records complaints about the venues of their own area only (taken by phone).
  if (officer && !areaContains(m_officer.area, *ward.value()))
    return err(403, "outside_area", "That venue is outside your area.");
  if (!officer) m_state.reports.add(ipKey, m_now);
  ViolationReport v;
  v.venueId = venue;
  v.ward = *ward.value();
  v.kind = kind;
  v.note = note;
  v.reporter = officer ? "officer:" + m_officer.username : "public";
  v.createdMs = m_now;
  v.photoType = photoType;
  v.photo = std::move(photo);
  auto r = m_store.addViolationReport(v);
  if (!r) return storageFailure(r.error());
  return jsonOk({{"id", r.value()}, {"received", true}}, 201);
}

ApiResponse Office::listViolations() {
  const std::string status = queryParam(m_req.query, "status");
  if (!status.empty() && status != "open" && status != "all")
    return err(400, "bad_request", "'status' must be open or all.");
  auto r = m_store.violationReports(m_officer.column(), m_officer.area, status != "all");
  if (!r) return storageFailure(r.error());
  json out = json::array();
  for (const ViolationReport& x : r.value())
    out.push_back({{"id", x.id},
                   {"venue", x.venueId},
                   {"venueName", x.venueName},
                   {"ward", x.ward},
                   {"kind", x.kind},
                   {"note", x.note},
                   {"reporter", x.reporter.rfind("officer:", 0) == 0 ? x.reporter : "public"},
                   {"createdMs", x.createdMs},
                   {"created", formatDateTime(x.createdMs)},
                   {"hasPhoto", !x.photoType.empty()},
                   {"resolvedMs", x.resolvedMs ? json(*x.resolvedMs) : json()},
                   {"resolvedBy", x.resolvedBy},
                   {"resolutionNote", x.resolutionNote}});
  return jsonOk({{"violations", out}});
}

ApiResponse Office::resolveViolation(const std::string& id) {
  json body;
  if (auto bad = parseJsonObject(m_req.body, body)) return *bad;
  std::string note;
  if (!textField(body, "note", 2000, true, note)) return err(400, "bad_request", "Field 'note' is required.");
  const int64_t n = std::strtoll(id.c_str(), nullptr, 10);
  auto r = m_store.resolveViolationReport(n, m_officer.column(), m_officer.area, m_officer.username, note, m_now);
  if (!r) return storageFailure(r.error());
  if (!r.value()) return err(404, "not_found", "No such open report in your area.");
  return jsonOk({{"id", n}, {"resolved", true}});
}

ApiResponse Office::violationPhoto(const std::string& id) {
  const int64_t n = std::strtoll(id.c_str(), nullptr, 10);
  auto r = m_store.violationPhoto(n, m_officer.column(), m_officer.area);
  if (!r) return storageFailure(r.error());
  if (!r.value()) return err(404, "not_found", "No such photo in your area.");
  if (auto a = m_store.addAudit({0, m_now, m_officer.username, "view_photo", "violation:" + id, "", ""}); !a)
    return storageFailure(a.error());
  return ApiResponse{200, r.value()->bytes, r.value()->type, ""};
}

ApiResponse Office::trace() {
  json body;
  if (auto bad = parseJsonObject(m_req.body, body)) return *bad;
  TraceQuery q;
  std::string reason, from, to, format;
  if (!textField(body, "id", 20, true, q.id) || q.id.size() < 8 ||
      !std::all_of(q.id.begin(), q.id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
    return err(400, "bad_request", "Field 'id' must be a CCCD, BHYT number or phone number.");
  if (!textField(body, "reason", 500, true, reason) ||
      std::count_if(reason.begin(), reason.end(), [](char c) { return c != ' '; }) < 5)
    return err(400, "reason_required", "State the reason for this lookup (field 'reason'); it is recorded.");
  // Dates as officers type them (dd/mm/yyyy) or ISO; the message names the field at fault.
  for (auto [name, value, ms] : {std::tuple{"from", &from, &q.fromMs}, std::tuple{"to", &to, &q.toMs}})
    if (!textField(body, name, 16, true, *value) || !parseDay(*value = isoDayFromTyped(*value), *ms))
      return err(400, std::string_view(name) == "from" ? ErrorCode("bad_date_from") : ErrorCode("bad_date_to"),
                 std::string("Field '") + name + "' must be a date dd/mm/yyyy or yyyy-mm-dd.");
  q.toMs += kDayMs;  // inclusive last day
  if (q.toMs <= q.fromMs) return err(400, "bad_range", "'to' must not be before 'from'.");
  if (q.toMs - q.fromMs > 62 * kDayMs) return err(400, "bad_range", "The date range must be at most 62 days.");
  int64_t margin = 30, stay = 0;
  if (!intField(body, "marginMinutes", 0, 24 * 60, 30, margin) || !intField(body, "stayMinutes", 0, 24 * 60, 0, stay))
    return err(400, "bad_request", "'marginMinutes' and 'stayMinutes' must be 0 to 1440.");
  q.marginMinutes = int(margin);
  q.stayMinutes = int(stay);
  if (!textField(body, "format", 8, false, format) || (!format.empty() && format != "json" && format != "csv"))
    return err(400, "bad_request", "'format' must be json or csv.");
  std::string langText;
  ExportLang lang = ExportLang::Vi;
  if (!textField(body, "lang", 4, false, langText) || !parseExportLang(langText, lang))
    return err(400, "bad_request", "'lang' must be vi or en (the language of the CSV).");
  // The audit row is written before any personal data is read; no row, no answer.
  const std::string target = "person " + maskId(q.id) + " #" + sha256Hex(q.id).substr(0, 12);
  const std::string detail = from + ".." + to + " margin " + std::to_string(margin) + " min";
  if (auto a = m_store.addAudit({0, m_now, m_officer.username, "trace", target, reason, detail}); !a)
    return storageFailure(a.error());
  auto r = runTrace(m_store, m_officer, q);
  if (!r) return storageFailure(r.error());
  if (format == "csv")
    return ApiResponse{200, traceCsv(r.value(), lang), "text/csv; charset=utf-8",
                       "attachment; filename=\"" + traceFileName(lang == ExportLang::En) + "\""};
  json out = traceJson(r.value());
  out["person"] = maskId(q.id);
  out["from"] = from;
  out["to"] = to;
  out["marginMinutes"] = margin;
  return jsonOk(out);
}

ApiResponse Office::feed() {
  auto token = bearerToken(m_req.authorization);
  if (!token) return err(401, "unauthorized", "Send 'Authorization: Bearer <feed token>'.");
  auto t = m_store.feedTokenName(sha256Hex(*token));
  if (!t) return storageFailure(t.error());
  if (!t.value()) return err(401, "invalid_token", "The feed token is not known to this server.");
  const std::string c = queryParam(m_req.query, "cursor"), l = queryParam(m_req.query, "limit");
  char* endp = nullptr;
  const int64_t cursor = c.empty() ? 0 : std::strtoll(c.c_str(), &endp, 10);
  if ((!c.empty() && *endp) || cursor < 0)
    return err(400, "bad_cursor", "'cursor' must be the number from the last line.");
  int64_t limit = l.empty() ? 1000 : std::strtoll(l.c_str(), nullptr, 10);
  if (limit < 1 || limit > 5000) return err(400, "bad_request", "'limit' must be 1 to 5000.");
  auto r = m_store.checkInsAfter(cursor, limit + 1);
  if (!r) return storageFailure(r.error());
  std::string out;
  int64_t last = cursor;
  const bool more = int64_t(r->size()) > limit;
  for (size_t i = 0; i < r->size() && int64_t(i) < limit; ++i) {
    json j = toJson(r.value()[i].checkIn);
    last = r.value()[i].ingestSeq;
    j["cursor"] = last;
    out += j.dump() + "\n";
  }
  out += json{{"end", true}, {"cursor", last}, {"more", more}}.dump() + "\n";
  // The feed is a bulk read of personal data: one audit row per page served.
  if (last > cursor)
    if (auto a = m_store.addAudit({0, m_now, "feed:" + *t.value(), "feed",
                                   std::to_string(cursor) + ".." + std::to_string(last), "",
                                   std::to_string(r->size() - (more ? 1 : 0)) + " records"});
        !a)
      return storageFailure(a.error());
  return ApiResponse{200, out, "application/x-ndjson; charset=utf-8", ""};
}

// An officer's own audit trail, newest first (an auditor reads the table directly).
ApiResponse Office::auditTrail() {
  auto r = m_store.auditOfOfficer(m_officer.username);
  if (!r) return storageFailure(r.error());
  json out = json::array();
  for (const AuditEntry& x : r.value())
    out.push_back({{"id", x.id},
                   {"atMs", x.atMs},
                   {"action", x.action},
                   {"target", x.target},
                   {"reason", x.reason},
                   {"detail", x.detail}});
  return jsonOk({{"entries", out}});
}

}  // namespace

void addRoutes(Router& router, Store& store, const Clock& clock, const Logger& log) {
  using Body = std::function<ApiResponse(Office&, const PathParams&)>;
  // Open to anyone (each checks what it needs itself: the feed its token, login its limits).
  auto open = [&store, clock, log](Body f) {
    return [&store, clock, log, f](const ApiRequest& req, const PathParams& p) {
      areas::refreshIfChanged(store, clock());  // an import-areas since the last request
      Office o(req, store, clock, log);
      return f(o, p);
    };
  };
  // An officer's session first; the handler then sees only the officer's area.
  auto officer = [&store, clock, log](Body f) {
    return [&store, clock, log, f](const ApiRequest& req, const PathParams& p) {
      areas::refreshIfChanged(store, clock());
      Office o(req, store, clock, log);
      if (auto denied = o.authenticate()) return *denied;
      return f(o, p);
    };
  };
  router.on("GET", "/api/v1/config", open([](Office& o, const PathParams&) { return o.config(); }));
  router.on("POST", "/api/v1/office/login", open([](Office& o, const PathParams&) { return o.login(); }));
  router.on("GET", "/api/v1/feed/checkins", open([](Office& o, const PathParams&) { return o.feed(); }));
  // Citizens report without an account; an officer who reports is named (and not rate-limited).
  router.on("POST", "/api/v1/reports", [&store, clock, log](const ApiRequest& req, const PathParams&) {
    Office o(req, store, clock, log);
    if (!req.authorization.empty())
      if (auto denied = o.authenticate()) return *denied;
    return o.reportViolation();
  });
  router.on("POST", "/api/v1/venues", officer([](Office& o, const PathParams&) { return o.registerVenue(); }));
  router.on("POST", "/api/v1/office/logout", officer([](Office& o, const PathParams&) { return o.logout(); }));
  router.on("GET", "/api/v1/office/me", officer([](Office& o, const PathParams&) { return o.me(); }));
  router.on("GET", "/api/v1/office/areas", officer([](Office& o, const PathParams&) { return o.areas(); }));
  router.on("GET", "/api/v1/office/venues", officer([](Office& o, const PathParams&) { return o.listVenues(); }));
  router.on("GET", "/api/v1/office/venues/{id}",
            officer([](Office& o, const PathParams& p) { return o.venueDetail(p["id"]); }));
  router.on("POST", "/api/v1/office/venues/{id}/codes",
            officer([](Office& o, const PathParams& p) { return o.issueCodes(p["id"]); }));
  router.on("POST", "/api/v1/office/venues/{id}/reminders",
            officer([](Office& o, const PathParams& p) { return o.remind(p["id"]); }));
  router.on("GET", "/api/v1/office/report", officer([](Office& o, const PathParams&) { return o.report(); }));
  router.on("GET", "/api/v1/office/violations",
            officer([](Office& o, const PathParams&) { return o.listViolations(); }));
  router.on("POST", "/api/v1/office/violations/{id}/resolve",
            officer([](Office& o, const PathParams& p) { return o.resolveViolation(p["id"]); }));
  router.on("GET", "/api/v1/office/violations/{id}/photo",
            officer([](Office& o, const PathParams& p) { return o.violationPhoto(p["id"]); }));
  router.on("POST", "/api/v1/office/trace", officer([](Office& o, const PathParams&) { return o.trace(); }));
  router.on("GET", "/api/v1/office/audit", officer([](Office& o, const PathParams&) { return o.auditTrail(); }));
  addSelfRegistrationRoutes(router, store, clock, log);  // self_registration.cpp
  addVenueImportRoutes(router, store, clock, log);       // venue_import.cpp
  addVenuePosterRoutes(router, store, clock, log);       // venue_posters.cpp
  // Officers of the areas inside the caller's own (officers_api.cpp).
  router.on("GET", "/api/v1/office/officers",
            withOfficer(store, clock, log, [&store](const ApiRequest&, const PathParams&, const Officer& me, int64_t) {
              return listOfficers(store, me);
            }));
  router.on("POST", "/api/v1/office/officers",
            withOfficer(store, clock, log,
                        [&store](const ApiRequest& req, const PathParams&, const Officer& me, int64_t now) {
                          return createOfficer(req, store, me, now);
                        }));
  for (const char* action : {"disable", "enable", "reset-password"})
    router.on("POST", std::string("/api/v1/office/officers/{username}/") + action,
              withOfficer(store, clock, log,
                          [&store, action](const ApiRequest&, const PathParams& p, const Officer& me, int64_t now) {
                            return changeOfficer(p["username"], action, store, me, now);
                          }));
}

Router::Handler withOfficer(Store& store, const Clock& clock, const Logger& log, OfficerHandler handler) {
  return [&store, clock, log, handler](const ApiRequest& req, const PathParams& p) {
    areas::refreshIfChanged(store, clock());
    Office o(req, store, clock, log);
    if (auto denied = o.authenticate()) return *denied;
    return handler(req, p, o.officer(), o.now());
  };
}

void setRetentionDays(int days) {
  if (days >= 1 && days <= 3650) g_retentionDays = days;
}
int retentionDays() {
  return g_retentionDays;
}

}  // namespace diemquet::server::office
