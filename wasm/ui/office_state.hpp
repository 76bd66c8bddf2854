// What the office screens share: the session, the officer's area, JSON requests to the office
// API, and when the data on screen was last fetched.
//
// The session token is kept in sessionStorage (office_ui.cpp): a reload keeps the officer
// logged in, closing the tab (or the browser) ends it, and another tab or another person who
// opens the browser later on a shared PC does not inherit it; the server also ends it after
// its idle timeout (8 h) or "Đăng xuất". Never localStorage: that would outlive the tab on a
// shared PC. The language choice (not sensitive) is kept in localStorage.
#pragma once
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace diemquet::ui::office {

enum class Tab { Report, Violations, Trace, Venues, Officers };

struct Reply {
  int status = 0;  // 0: no answer
  nlohmann::json body;
  std::string errorCode;  // the API's error code, when status >= 400
};

struct OfficeState {
  std::string token;
  std::string username, level, areaCode, areaName;
  Tab tab = Tab::Report;
  bool changed = false;  // an answer arrived: draw again
  int inFlight = 0;
  // Freshness: the screen shown asks the server again when it is entered, every
  // kRefreshMs while it is on screen (a background tab draws nothing, so asks nothing), and on
  // "Làm mới". `refreshDue` is set by the frame; the screen clears it when it loads.
  static constexpr int64_t kRefreshMs = 60000;
  bool refreshDue = false;
  int64_t loadedAtMs = 0;  // the shown screen's data, when it arrived (0: not yet)

  bool loggedIn() const { return !token.empty(); }
  std::string authHeaders() const;
  // GET when body is empty and method is "GET"; the callback runs once from the event loop.
  void request(const std::string& method, const std::string& path, const nlohmann::json& body,
               std::function<void(const Reply&)> done);
};

// The message for a failed reply (network, session ended, server error), translated.
const char* failureText(const Reply& r);
// "Cập nhật lúc 14:05" and a "Làm mới" button; true when it was tapped.
bool freshnessRow(OfficeState& s, const char* id, bool loading);

// GET requests for an area picker (area_picker.hpp) through the session.
std::function<void(const std::string&, std::function<void(int, const nlohmann::json&)>)> areaFetch(OfficeState& s);

void drawReport(OfficeState& s);
void drawViolations(OfficeState& s);
void drawTrace(OfficeState& s);
void drawVenues(OfficeState& s);
void drawOfficers(OfficeState& s);  // office_officers.cpp
void drawSelfRegistered(OfficeState& s);  // office_verify.cpp: above the venue form

}  // namespace diemquet::ui::office
