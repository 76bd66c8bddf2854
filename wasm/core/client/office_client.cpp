#include "client/office_client.hpp"

namespace diemquet::client {

using nlohmann::json;

namespace {
constexpr const char* kTokenKey = "dq.office.token";
}

OfficeReply officeReplyOf(const sync::HttpReply& reply, bool expectJson) {
  OfficeReply r;
  r.status = reply.status;
  json body = json::parse(reply.body, nullptr, false);
  const bool isObject = body.is_object();
  r.body = isObject ? std::move(body) : json::object();
  if (reply.status >= 400 && r.body.contains("error") && r.body["error"].is_object())
    r.errorCode = r.body["error"].value("code", "");
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

void OfficeClient::send(sync::HttpRequest r, bool expectJson, OfficeDone done) {
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

void OfficeClient::call(const std::string& method, const std::string& path, const json& body, OfficeDone done) {
  sync::HttpRequest r;
  r.method = method;
  r.path = path;
  r.body = body.is_null() ? std::string() : body.dump();
  send(std::move(r), true, std::move(done));
}

void OfficeClient::setOfficer(const json& o) {
  if (!o.is_object()) return;
  m_officer.username = o.value("username", "");
  m_officer.level = o.value("level", "");
  if (o.contains("area") && o["area"].is_object()) {
    m_officer.areaCode = o["area"].value("code", "");
    m_officer.areaName = o["area"].value("name", "");
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
         OfficeReply out = r;
         if (r.ok() &&
             (!r.body.contains("token") || !r.body["token"].is_string() || r.body["token"].get<std::string>().empty()))
           out.error = OfficeError::Server;  // a success without a session: not one
         if (out.ok()) {
           m_token = r.body["token"].get<std::string>();
           ++m_session;
           m_store.set(kTokenKey, m_token);
           setOfficer(r.body.value("officer", json::object()));
         }
         if (done) done(out);
       });
}

void OfficeClient::logout() {
  if (!loggedIn()) return;
  call("POST", "/api/v1/office/logout", json::object(), nullptr);  // sent with the token still held
  endSession();
}

void OfficeClient::report(const std::string& week, OfficeDone done) {
  call("GET", "/api/v1/office/report" + (week.empty() ? std::string() : "?week=" + week), nullptr, std::move(done));
}
void OfficeClient::remind(const std::string& venueId, OfficeDone done) {
  call("POST", "/api/v1/office/venues/" + venueId + "/reminders", {{"note", ""}}, std::move(done));
}
void OfficeClient::openViolations(OfficeDone done) {
  call("GET", "/api/v1/office/violations?status=open", nullptr, std::move(done));
}
void OfficeClient::resolveViolation(int64_t id, const std::string& note, OfficeDone done) {
  call("POST", "/api/v1/office/violations/" + std::to_string(id) + "/resolve", {{"note", note}}, std::move(done));
}

namespace {
json traceBody(const TraceQuery& q) {
  return {{"id", q.id}, {"from", q.from}, {"to", q.to}, {"marginMinutes", q.marginMinutes}, {"reason", q.reason}};
}
}  // namespace

void OfficeClient::trace(const TraceQuery& q, OfficeDone done) {
  call("POST", "/api/v1/office/trace", traceBody(q), std::move(done));
}

void OfficeClient::saveTraceCsv(const TraceQuery& q, std::function<void(OfficeError)> done) {
  json b = traceBody(q);
  b["format"] = "csv";
  sync::HttpRequest r;
  r.method = "POST";
  r.path = "/api/v1/office/trace";
  r.body = b.dump();
  ++m_inFlight;
  r.token = m_token;
  r.timeoutMs = m_timeoutMs;
  m_http(r, [this, done = std::move(done)](const sync::HttpReply& reply) {
    --m_inFlight;
    ++m_answers;
    OfficeReply out = officeReplyOf(reply, false);
    if (out.error == OfficeError::SessionEnded && loggedIn()) endSession();
    if (out.ok() && m_downloader) {
      // fetch's text() drops the server's UTF-8 BOM; without it Excel reads the Vietnamese as
      // Windows-1252. Put it back.
      static const std::string kBom = "\xEF\xBB\xBF";
      m_downloader->saveBytes("truy-vet.csv", "text/csv;charset=utf-8",
                              reply.body.rfind(kBom, 0) == 0 ? reply.body : kBom + reply.body);
    }
    if (done) done(out.error);
  });
}

void OfficeClient::exportReport(const std::string& week, const std::string& format, const std::string& filename,
                                bool openInTab, std::function<void(OfficeError)> done) {
  if (!m_downloader) {
    if (done) done(OfficeError::Server);
    return;
  }
  ++m_inFlight;
  m_downloader->fetchToFile("GET", "/api/v1/office/report?week=" + week + "&format=" + format, m_token, filename,
                            openInTab, [this, done = std::move(done)](int status) {
                              --m_inFlight;
                              ++m_answers;
                              OfficeReply r = officeReplyOf(sync::HttpReply{status, {}}, false);
                              if (r.error == OfficeError::SessionEnded && loggedIn()) endSession();
                              if (done) done(r.error);
                            });
}

void OfficeClient::officers(OfficeDone done) {
  call("GET", "/api/v1/office/officers", nullptr, std::move(done));
}
void OfficeClient::createOfficer(const std::string& username, const std::string& areaCode, OfficeDone done) {
  call("POST", "/api/v1/office/officers", {{"username", username}, {"area", areaCode}}, std::move(done));
}
void OfficeClient::officerAction(const std::string& username, const std::string& action, OfficeDone done) {
  call("POST", "/api/v1/office/officers/" + username + "/" + action, json::object(), std::move(done));
}
void OfficeClient::selfRegistrations(OfficeDone done) {
  call("GET", "/api/v1/office/self-registrations", nullptr, std::move(done));
}
void OfficeClient::verifyVenue(const std::string& venueId, bool confirm, const std::string& note, OfficeDone done) {
  json body{{"decision", confirm ? "confirm" : "reject"}};
  if (!confirm) body["note"] = note;
  call("POST", "/api/v1/office/venues/" + venueId + "/verify", body, std::move(done));
}
void OfficeClient::exposures(OfficeDone done) {
  call("GET", "/api/v1/office/exposures", nullptr, std::move(done));
}
void OfficeClient::publishExposure(const json& exposure, OfficeDone done) {
  call("POST", "/api/v1/office/exposures", exposure, std::move(done));
}
void OfficeClient::withdrawExposure(int64_t id, OfficeDone done) {
  call("POST", "/api/v1/office/exposures/" + std::to_string(id) + "/withdraw", json::object(), std::move(done));
}

}  // namespace diemquet::client
