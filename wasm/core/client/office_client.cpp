#include "client/office_client.hpp"

#include "export_names.hpp"
#include "json_util.hpp"

namespace diemquet::client {

using nlohmann::json;

namespace {
constexpr const char* kTokenKey = "dq.office.token";

// A query parameter's value, percent-encoded (an area searched for by its Vietnamese name).
std::string queryValue(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.') {
      out += char(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}
}  // namespace

OfficeReply officeReplyOf(const sync::HttpReply& reply, bool expectJson) {
  OfficeReply r;
  r.status = reply.status;
  json body = json::parse(reply.body, nullptr, false);
  const bool isObject = body.is_object();
  r.body = isObject ? std::move(body) : json::object();
  if (reply.status >= 400 && r.body.contains("error") && r.body["error"].is_object())
    r.errorCode = jsonutil::getString(r.body["error"], "code");
  const int s = reply.status;
  if (s == 0)
    r.error = OfficeError::Offline;
  else if (s >= 200 && s < 300)
    r.error = !expectJson || isObject ? OfficeError::None : OfficeError::BadJson;
  else if (s == 401)
    r.error = r.errorCode == "invalid_credentials" ? OfficeError::BadCredentials : OfficeError::SessionEnded;
  else if (s == 429)
    r.error = OfficeError::TooMany;
  else if (s == 400 || s == 422)
    r.error = OfficeError::BadInput;
  else if (s == 403 || s == 404 || s == 409)
    r.error = OfficeError::Refused;
  else
    r.error = OfficeError::Server;
  return r;
}

OfficeClient::OfficeClient(sync::Http http, KeyValueStore& sessionStore, Downloader* downloader, int timeoutMs)
    : m_http(std::move(http)), m_store(sessionStore), m_downloader(downloader), m_timeoutMs(timeoutMs) {}

void OfficeClient::send(sync::HttpRequest r, bool expectJson, std::function<void(const OfficeReply&)> done) {
  r.token = m_token;
  r.timeoutMs = m_timeoutMs;
  if (r.method == "GET") r.body.clear();
  ++m_inFlight;
  const uint64_t session = m_session;
  m_http(r, [this, expectJson, session, done = std::move(done)](const sync::HttpReply& reply) {
    --m_inFlight;
    ++m_answers;
    OfficeReply out = officeReplyOf(reply, expectJson);
    // The server ended this session (not a wrong password at login): back to the login form.
    if (out.error == OfficeError::SessionEnded && session == m_session && loggedIn()) endSession();
    if (done) done(out);
  });
}

void OfficeClient::call(const std::string& method, const std::string& path, const json& body,
                        std::function<void(const OfficeReply&)> done) {
  sync::HttpRequest r;
  r.method = method;
  r.path = path;
  r.body = body.is_null() ? std::string() : body.dump();
  send(std::move(r), true, std::move(done));
}

template <class T>
void OfficeClient::callRead(const std::string& method, const std::string& path, const json& body,
                            std::string (*read)(const json&, T&), OfficeThen<T> done) {
  call(method, path, body, [read, done = std::move(done)](const OfficeReply& reply) {
    OfficeResult<T> out;
    static_cast<OfficeStatus&>(out) = reply;
    if (out.ok()) {
      out.problem = read(reply.body, out.value);
      if (!out.problem.empty()) {  // refused whole: a screen draws an answer or an error
        out.error = OfficeError::BadJson;
        out.value = T{};
      }
    }
    if (done) done(out);
  });
}

namespace {
// For a call whose answer holds nothing the screen needs: only how it ended.
std::function<void(const OfficeReply&)> statusOnly(OfficeDone done) {
  return [done = std::move(done)](const OfficeReply& r) {
    if (done) done(r);
  };
}
}  // namespace

void OfficeClient::setOfficer(const json& o) {
  // Read without throwing: a wrong-typed field leaves it empty.
  m_officer.username = jsonutil::getString(o, "username");
  m_officer.level = jsonutil::getString(o, "level");
  auto area = o.is_object() ? o.find("area") : o.end();
  if (o.is_object() && area != o.end()) {
    m_officer.areaCode = jsonutil::getString(*area, "code");
    m_officer.areaName = jsonutil::getString(*area, "name");
  }
}

void OfficeClient::endSession() {
  m_token.clear();
  m_officer = {};
  ++m_session;
  m_store.set(kTokenKey, "");
}

bool OfficeClient::restore(std::function<void(bool)> done) {
  std::string token = m_store.get(kTokenKey);
  if (token.empty()) return false;
  m_token = token;
  ++m_session;
  m_restoring = true;
  call("GET", "/api/v1/office/me", nullptr, [this, done = std::move(done)](const OfficeReply& r) {
    m_restoring = false;
    if (r.ok()) setOfficer(r.body);
    // Ended (idle timeout, logged out elsewhere) or refused: forgotten. Unreachable: kept.
    else if (r.error != OfficeError::Offline && loggedIn())
      endSession();
    if (done) done(r.ok());
  });
  return true;
}

void OfficeClient::login(const std::string& username, const std::string& password, OfficeDone done) {
  call("POST", "/api/v1/office/login", {{"username", username}, {"password", password}},
       [this, done = std::move(done)](const OfficeReply& r) {
         OfficeStatus out = r;
         if (r.ok() &&
             (!r.body.contains("token") || !r.body["token"].is_string() || r.body["token"].get<std::string>().empty()))
           out.error = OfficeError::Server;  // a success without a session: not one
         if (out.ok()) {
           m_token = r.body["token"].get<std::string>();
           ++m_session;
           m_store.set(kTokenKey, m_token);
           setOfficer(r.body.contains("officer") ? r.body["officer"] : json());
         }
         if (done) done(out);
       });
}

void OfficeClient::logout() {
  if (!loggedIn()) return;
  call("POST", "/api/v1/office/logout", json::object(), nullptr);  // sent with the token still held
  endSession();
}

void OfficeClient::report(const std::string& week, OfficeThen<WeeklyReport> done) {
  callRead<WeeklyReport>("GET", "/api/v1/office/report" + (week.empty() ? std::string() : "?week=" + queryValue(week)),
                         nullptr, readWeeklyReport, std::move(done));
}
void OfficeClient::remind(const std::string& venueId, OfficeDone done) {
  call("POST", "/api/v1/office/venues/" + venueId + "/reminders", {{"note", ""}}, statusOnly(std::move(done)));
}
void OfficeClient::openViolations(OfficeThen<std::vector<Violation>> done) {
  callRead<std::vector<Violation>>("GET", "/api/v1/office/violations?status=open", nullptr, readViolations,
                                   std::move(done));
}
void OfficeClient::resolveViolation(int64_t id, const std::string& note, OfficeDone done) {
  call("POST", "/api/v1/office/violations/" + std::to_string(id) + "/resolve", {{"note", note}},
       statusOnly(std::move(done)));
}

void OfficeClient::findVenues(const std::string& query, OfficeThen<std::vector<VenueFound>> done) {
  callRead<std::vector<VenueFound>>("GET", "/api/v1/office/venues?q=" + queryValue(query), nullptr, readVenuesFound,
                                    std::move(done));
}
void OfficeClient::fileComplaint(const NewComplaint& c, OfficeDone done) {
  call("POST", "/api/v1/reports", {{"venue", c.venueId}, {"kind", c.kind}, {"note", c.note}}, statusOnly(std::move(done)));
}

namespace {
json traceBody(const TraceQuery& q) {
  return {{"id", q.id}, {"from", q.from}, {"to", q.to}, {"marginMinutes", q.marginMinutes}, {"reason", q.reason}};
}
}  // namespace

void OfficeClient::trace(const TraceQuery& q, OfficeThen<TraceResult> done) {
  callRead<TraceResult>("POST", "/api/v1/office/trace", traceBody(q), readTraceResult, std::move(done));
}

void OfficeClient::saveTraceCsv(const TraceQuery& q, const std::string& lang, std::function<void(OfficeError)> done) {
  json b = traceBody(q);
  b["format"] = "csv";
  b["lang"] = lang;
  sync::HttpRequest r;
  r.method = "POST";
  r.path = "/api/v1/office/trace";
  r.body = b.dump();
  ++m_inFlight;
  r.token = m_token;
  r.timeoutMs = m_timeoutMs;
  m_http(r, [this, lang, done = std::move(done)](const sync::HttpReply& reply) {
    --m_inFlight;
    ++m_answers;
    OfficeReply out = officeReplyOf(reply, false);
    if (out.error == OfficeError::SessionEnded && loggedIn()) endSession();
    if (out.ok() && m_downloader) {
      // fetch's text() drops the server's UTF-8 BOM; without it Excel reads the Vietnamese as
      // Windows-1252. Put it back.
      static const std::string kBom = "\xEF\xBB\xBF";
      m_downloader->saveBytes(traceFileName(lang == "en"), "text/csv;charset=utf-8",
                              reply.body.rfind(kBom, 0) == 0 ? reply.body : kBom + reply.body);
    }
    if (done) done(out.error);
  });
}

void OfficeClient::exportReport(const std::string& week, const std::string& format, const std::string& lang,
                                const std::string& filename, bool openInTab, std::function<void(OfficeError)> done) {
  if (!m_downloader) {
    if (done) done(OfficeError::Server);
    return;
  }
  ++m_inFlight;
  m_downloader->fetchToFile("GET", "/api/v1/office/report?week=" + queryValue(week) + "&format=" + format + "&lang=" + queryValue(lang), m_token,
                            filename, openInTab, [this, done = std::move(done)](int status) {
                              --m_inFlight;
                              ++m_answers;
                              OfficeReply r = officeReplyOf(sync::HttpReply{status, {}}, false);
                              if (r.error == OfficeError::SessionEnded && loggedIn()) endSession();
                              if (done) done(r.error);
                            });
}

void OfficeClient::downloadPosters(const std::string& venueId, const std::string& filename, OfficeDone done) {
  if (!m_downloader) {
    if (done) done(OfficeStatus{0, OfficeError::Server, "", ""});
    return;
  }
  ++m_inFlight;
  const uint64_t session = m_session;
  m_downloader->fetchToFileWithError("GET", "/api/v1/office/venues/" + queryValue(venueId) + "/posters.pdf", m_token,
                                     filename,
                                     [this, session, done = std::move(done)](int status, const std::string& errorBody) {
                                       --m_inFlight;
                                       ++m_answers;
                                       OfficeReply r = officeReplyOf(sync::HttpReply{status, errorBody}, false);
                                       if (r.error == OfficeError::SessionEnded && session == m_session && loggedIn())
                                         endSession();
                                       if (done) done(r);
                                     });
}

void OfficeClient::officers(OfficeThen<std::vector<OfficerEntry>> done) {
  callRead<std::vector<OfficerEntry>>("GET", "/api/v1/office/officers", nullptr, readOfficers, std::move(done));
}
void OfficeClient::createOfficer(const std::string& username, const std::string& areaCode,
                                 OfficeThen<IssuedPassword> done) {
  callRead<IssuedPassword>("POST", "/api/v1/office/officers", {{"username", username}, {"area", areaCode}},
                           readIssuedPassword, std::move(done));
}
void OfficeClient::officerAction(const std::string& username, const std::string& action,
                                 OfficeThen<IssuedPassword> done) {
  callRead<IssuedPassword>("POST", "/api/v1/office/officers/" + username + "/" + action, json::object(),
                           readIssuedPassword, std::move(done));
}
void OfficeClient::selfRegistrations(OfficeThen<std::vector<PendingVenue>> done) {
  callRead<std::vector<PendingVenue>>("GET", "/api/v1/office/self-registrations", nullptr, readPendingVenues,
                                      std::move(done));
}
void OfficeClient::verifyVenue(const std::string& venueId, bool confirm, const std::string& note, OfficeDone done) {
  json body{{"decision", confirm ? "confirm" : "reject"}};
  if (!confirm) body["note"] = note;
  call("POST", "/api/v1/office/venues/" + venueId + "/verify", body, statusOnly(std::move(done)));
}
void OfficeClient::registerVenue(const NewVenue& v, OfficeThen<RegisteredVenue> done) {
  json body{{"name", v.name},
            {"address", v.address},
            {"ward", v.ward},
            {"category", v.category},
            {"staffCount", v.staffCount},
            {"phone", v.phone},
            {"scanPoints", v.scanPoints}};
  callRead<RegisteredVenue>("POST", "/api/v1/venues", body, readRegisteredVenue, std::move(done));
}
void OfficeClient::issueEnrollmentCode(const std::string& venueId, OfficeThen<std::string> done) {
  callRead<std::string>("POST", "/api/v1/office/venues/" + venueId + "/codes", {{"count", 1}}, readEnrollmentCode,
                        std::move(done));
}
void OfficeClient::exposures(OfficeThen<std::vector<Exposure>> done) {
  callRead<std::vector<Exposure>>("GET", "/api/v1/office/exposures", nullptr, readExposures, std::move(done));
}
void OfficeClient::publishExposure(const ExposureDraft& e, OfficeDone done) {
  json body{{"venueId", e.venueId}, {"scanPointId", e.scanPointId}, {"fromMs", e.fromMs},
            {"untilMs", e.untilMs}, {"advice", e.advice},           {"reason", e.reason}};
  call("POST", "/api/v1/office/exposures", body, statusOnly(std::move(done)));
}
void OfficeClient::withdrawExposure(int64_t id, OfficeDone done) {
  call("POST", "/api/v1/office/exposures/" + std::to_string(id) + "/withdraw", json::object(),
       statusOnly(std::move(done)));
}
void OfficeClient::searchAreas(const AreaSearch& q, OfficeThen<std::vector<AreaChoice>> done) {
  std::string path = "/api/v1/areas?limit=" + std::to_string(q.limit) + "&q=" + queryValue(q.query);
  if (!q.level.empty()) path += "&level=" + queryValue(q.level);
  if (!q.within.empty()) path += "&within=" + queryValue(q.within);
  callRead<std::vector<AreaChoice>>("GET", path, nullptr, readAreaChoices, std::move(done));
}

}  // namespace diemquet::client
