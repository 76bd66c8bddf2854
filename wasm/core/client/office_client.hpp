// The office API (docs/api.md, /api/v1/office/…) as typed calls for the office screens: each
// method knows its path, its method and its body; every answer comes back as an OfficeReply
// whose `error` says what went wrong in terms a screen can word (no answer, session ended,
// wrong password, too many tries, refused input, server failure, an answer that is not JSON).
// The session token is the client's: kept in the page's session store (sessionStorage in the
// browser: a reload keeps the officer logged in, closing the tab ends it; never localStorage,
// which would outlive the tab on a shared PC), dropped when the server ends the session.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "client/downloader.hpp"
#include "client/key_value_store.hpp"
#include "sync/transport.hpp"

namespace diemquet::client {

enum class OfficeError {
  None,
  Offline,         // no answer (offline, timeout)
  SessionEnded,    // 401: logged out elsewhere, idle timeout — back to the login form
  BadCredentials,  // 401 invalid_credentials at login
  TooMany,         // 429
  BadInput,        // 400 / 422: `code` says which field
  Refused,         // 403, 404, 409: `code` says why
  Server,          // 5xx, or an answer the client does not understand
  BadJson,         // a success whose body is not a JSON object
};

struct OfficeReply {
  int status = 0;
  OfficeError error = OfficeError::Offline;
  std::string errorCode;  // the API's error code ("reason_required", …), when it gave one
  nlohmann::json body;    // the answer's JSON object (an empty object when there is none)
  bool ok() const { return error == OfficeError::None; }
};
using OfficeDone = std::function<void(const OfficeReply&)>;

// Status and body → the typed reply (also used for answers that are not JSON, like a CSV).
OfficeReply officeReplyOf(const sync::HttpReply& reply, bool expectJson = true);

struct Officer {
  std::string username, level, areaCode, areaName;
};

// A contact-tracing query, dates as ISO days ("2026-11-20").
struct TraceQuery {
  std::string id, from, to, reason;
  int marginMinutes = 30;
};

class OfficeClient {
 public:
  OfficeClient(sync::Http http, KeyValueStore& sessionStore, Downloader* downloader = nullptr, int timeoutMs = 20000);

  // The session
  bool loggedIn() const { return !m_token.empty(); }
  // Increments at each login and logout: a screen's data belongs to one session.
  uint64_t session() const { return m_session; }
  const Officer& officer() const { return m_officer; }
  // A token kept from before a reload is asked back for its officer; `done(true)` when the
  // officer is logged in again. Unreachable, the token is kept (the screens retry); ended, it goes.
  bool restore(std::function<void(bool)> done);
  bool restoring() const { return m_restoring; }
  void login(const std::string& username, const std::string& password, OfficeDone done);
  void logout();

  // Requests in flight and a counter of answers (the screen draws again when it moves).
  int inFlight() const { return m_inFlight; }
  uint64_t answers() const { return m_answers; }

  // The screens' calls
  void report(const std::string& week, OfficeDone done);  // "" = the current week
  void remind(const std::string& venueId, OfficeDone done);
  void openViolations(OfficeDone done);
  void resolveViolation(int64_t id, const std::string& note, OfficeDone done);
  void trace(const TraceQuery& q, OfficeDone done);
  // The trace as CSV (a second, separately audited query), saved through the downloader.
  void saveTraceCsv(const TraceQuery& q, std::function<void(OfficeError)> done);
  // The weekly report as "xlsx", "csv" or "html" (opened in a tab to print).
  void exportReport(const std::string& week, const std::string& format, const std::string& filename, bool openInTab,
                    std::function<void(OfficeError)> done);
  void officers(OfficeDone done);
  void createOfficer(const std::string& username, const std::string& areaCode, OfficeDone done);
  void officerAction(const std::string& username, const std::string& action, OfficeDone done);  // disable, …
  void selfRegistrations(OfficeDone done);
  void verifyVenue(const std::string& venueId, bool confirm, const std::string& note, OfficeDone done);
  void exposures(OfficeDone done);
  void publishExposure(const nlohmann::json& exposure, OfficeDone done);
  void withdrawExposure(int64_t id, OfficeDone done);

  // The one path every call takes (also for the few screens not typed yet: venues, areas).
  void call(const std::string& method, const std::string& path, const nlohmann::json& body, OfficeDone done);

 private:
  void send(sync::HttpRequest r, bool expectJson, OfficeDone done);
  void setOfficer(const nlohmann::json& o);
  void endSession();

  sync::Http m_http;
  KeyValueStore& m_store;
  Downloader* m_downloader;
  int m_timeoutMs;
  std::string m_token;
  Officer m_officer;
  uint64_t m_session = 0, m_answers = 0;
  int m_inFlight = 0;
  bool m_restoring = false;
};

}  // namespace diemquet::client
