// What the office screens share: the office client (client::OfficeClient: the session, typed
// calls whose answers arrive as structs, typed errors), the officer's area, and when the data on screen was last
// fetched.
//
// The session token is the client's, kept in sessionStorage by the app (main_office.cpp): a
// reload keeps the officer logged in, closing the tab (or the browser) ends it, and another tab
// or another person who opens the browser later on a shared PC does not inherit it; the server
// also ends it after its idle timeout (8 h) or "Đăng xuất". Never localStorage: that would
// outlive the tab on a shared PC. The language choice (not sensitive) is kept in localStorage.
#pragma once
#include <functional>
#include <string>

#include "area_picker.hpp"
#include "i18n.hpp"
#include "client/office_client.hpp"

namespace diemquet::ui::office {

enum class Tab { Report, Violations, Trace, Venues, Officers };

using Reply = client::OfficeStatus;

struct OfficeState {
  explicit OfficeState(client::OfficeClient& c) : client(c) {}
  client::OfficeClient& client;
  // The logged-in officer, as the client has them (copied each frame for the screens).
  std::string username, level, areaCode, areaName;
  Tab tab = Tab::Report;
  bool changed = false;  // something to draw again
  // Freshness: the screen shown asks the server again when it is entered, every
  // kRefreshMs while it is on screen (a background tab draws nothing, so asks nothing), and on
  // "Làm mới". `refreshDue` is set by the frame; the screen clears it when it loads.
  static constexpr int64_t kRefreshMs = 60000;
  bool refreshDue = false;
  int64_t loadedAtMs = 0;  // the shown screen's data, when it arrived (0: not yet)
  int64_t nowMs = 0;       // this frame's wall clock
  int offsetMinutes = 0;   // the phone's UTC offset, for "Cập nhật lúc 14:05"

  bool loggedIn() const { return client.loggedIn(); }
  // The data on screen belongs to this session (a new login loads it again).
  std::string sessionKey() const { return std::to_string(client.session()); }
};

// The message for a failed reply (network, session ended, server error), as its key: screens
// keep keys and word them when drawing (trIf), so a message on screen follows a language switch.
Str failureKey(const Reply& r);
Str failureKey(client::OfficeError e);
// Dates as an officer reads them (the server's ISO text): "2026-11-30" as "30/11/2026" (without
// the year: "30/11"), "2026-12-05 20:17" as "05/12/2026 20:17"; other text as it is.
std::string dayLabel(const std::string& isoDay, bool withYear = true);
std::string dayTimeLabel(const std::string& isoDateTime);
// A window from the server's two times: "05/12/2026 20:17 – 21:17" (the end's day written when
// it is another day); "(~)" after a time the trace assumed (no entry or exit scanned).
std::string spanLabel(const std::string& from, bool fromEstimated, const std::string& until, bool untilEstimated);
// "Cập nhật lúc 14:05" and a "Làm mới" button; true when it was tapped.
bool freshnessRow(OfficeState& s, const char* id, bool loading);

// An area picker's searches (area_picker.hpp) through the officer's session.
AreaFetch areaFetch(OfficeState& s);
// A venue picker's searches: the officer's venues whose name holds what was typed (marks and
// case ignored), the first few, as choices whose code is the venue id.
AreaFetch venueFetch(OfficeState& s);

void drawReport(OfficeState& s);
void drawViolations(OfficeState& s);
// Above the complaint queue: a complaint taken by phone; `recorded` after one is (office_complaint.cpp).
void complaintByPhone(OfficeState& s, const std::function<void()>& recorded);
void drawTrace(OfficeState& s);
void drawVenues(OfficeState& s);
// Above the venue screen: a venue's posters printed at the office (office_posters.cpp).
void drawVenuePosters(OfficeState& s);
// "Tải áp phích (PDF)" for one venue, its outcome said under it (office_posters.cpp); true when
// tapped with no venue (`venueId` empty), for the caller to say to choose one.
bool venuePostersButton(OfficeState& s, const std::string& widget, const std::string& venueId,
                        const std::string& venueName);
void drawOfficers(OfficeState& s);  // office_officers.cpp
void drawSelfRegistered(OfficeState& s);  // office_verify.cpp: above the venue form

}  // namespace diemquet::ui::office
