// The office API (docs/api.md, /api/v1/office/…) as typed calls for the office screens: each
// method knows its path, its method and its body; every answer comes back read into its struct
// (office_types.hpp) with an `error` that says what went wrong in terms a screen can word (no
// answer, session ended, wrong password, too many tries, refused input, server failure, an
// answer that is not what the API promises). The screens never see JSON.
// The session token is the client's: kept in the page's session store (sessionStorage in the
// browser: a reload keeps the officer logged in, closing the tab ends it; never localStorage,
// which would outlive the tab on a shared PC), dropped when the server ends the session.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "client/downloader.hpp"
#include "client/key_value_store.hpp"
#include "client/office_types.hpp"
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
  BadJson,         // a success whose body is not the JSON the API promises (`problem` says where)
};

// How a call ended: the typed error, the API's error code, and for an answer that is not what
// the API promises, the first field at fault (English, for the log; never personal data).
struct OfficeStatus {
  int status = 0;
  OfficeError error = OfficeError::Offline;
  std::string errorCode;  // the API's error code ("reason_required", …), when it gave one
  std::string problem;    // BadJson: "areas[2].scans: missing", …
  bool ok() const { return error == OfficeError::None; }
};
// A call's answer read into its struct (office_types.hpp); `value` is only meaningful when ok().
template <class T>
struct OfficeResult : OfficeStatus {
  T value{};
};
using OfficeDone = std::function<void(const OfficeStatus&)>;
template <class T>
using OfficeThen = std::function<void(const OfficeResult<T>&)>;

// The answer before it is read: status and body → the typed error and the JSON object (an
// empty object when there is none). Also used for answers that are not JSON, like a CSV.
struct OfficeReply : OfficeStatus {
  nlohmann::json body;
};
OfficeReply officeReplyOf(const sync::HttpReply& reply, bool expectJson = true);

struct Officer {
  std::string username, level, areaCode, areaName;
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

  // The screens' calls. Answers come back read into their structs (office_types.hpp); one
  // that is not what the API promises is refused whole (OfficeError::BadJson).
  void report(const std::string& week, OfficeThen<WeeklyReport> done);  // "" = the current week
  void remind(const std::string& venueId, OfficeDone done);
  void openViolations(OfficeThen<std::vector<Violation>> done);
  void resolveViolation(int64_t id, const std::string& note, OfficeDone done);
  // The venues of the officer's area whose name holds `query` (marks and case ignored).
  void findVenues(const std::string& query, OfficeThen<std::vector<VenueFound>> done);
  void fileComplaint(const NewComplaint& complaint, OfficeDone done);
  void trace(const TraceQuery& q, OfficeThen<TraceResult> done);
  // The trace as CSV (a second, separately audited query), saved through the downloader; its
  // header in `lang` ("vi" or "en").
  void saveTraceCsv(const TraceQuery& q, const std::string& lang, std::function<void(OfficeError)> done);
  // The weekly report as "xlsx", "csv" or "html" (opened in a tab to print), its headers and
  // titles in `lang` ("vi" or "en": the language the officer uses the office in).
  void exportReport(const std::string& week, const std::string& format, const std::string& lang,
                    const std::string& filename, bool openInTab, std::function<void(OfficeError)> done);
  // A venue's posters (one A4 page per scan point) saved as `filename`; a refusal says why in
  // `errorCode` (outside_area, venue_rejected, no_scan_points, …).
  void downloadPosters(const std::string& venueId, const std::string& filename, OfficeDone done);
  void officers(OfficeThen<std::vector<OfficerEntry>> done);
  void createOfficer(const std::string& username, const std::string& areaCode, OfficeThen<IssuedPassword> done);
  // "disable", "enable", "reset-password" (the one with a password in its answer).
  void officerAction(const std::string& username, const std::string& action, OfficeThen<IssuedPassword> done);
  void selfRegistrations(OfficeThen<std::vector<PendingVenue>> done);
  void verifyVenue(const std::string& venueId, bool confirm, const std::string& note, OfficeDone done);
  void registerVenue(const NewVenue& venue, OfficeThen<RegisteredVenue> done);
  void issueEnrollmentCode(const std::string& venueId, OfficeThen<std::string> done);
  void exposures(OfficeThen<std::vector<Exposure>> done);
  void publishExposure(const ExposureDraft& exposure, OfficeDone done);
  void withdrawExposure(int64_t id, OfficeDone done);
  void searchAreas(const AreaSearch& search, OfficeThen<std::vector<AreaChoice>> done);

 private:
  // The one path every call takes.
  void call(const std::string& method, const std::string& path, const nlohmann::json& body,
            std::function<void(const OfficeReply&)> done);
  // A call whose answer is read by `read` (office_types.hpp) into a T.
  template <class T>
  void callRead(const std::string& method, const std::string& path, const nlohmann::json& body,
                std::string (*read)(const nlohmann::json&, T&), OfficeThen<T> done);
  void send(sync::HttpRequest r, bool expectJson, std::function<void(const OfficeReply&)> done);
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
