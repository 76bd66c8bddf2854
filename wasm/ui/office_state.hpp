// What the office screens share: the session (token in memory only: closing the tab logs the
// officer out), the officer's area, and JSON requests to the office API.
#pragma once
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace diemquet::ui::office {

enum class Tab { Report, Violations, Trace, Venues };

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

  bool loggedIn() const { return !token.empty(); }
  std::string authHeaders() const;
  // GET when body is empty and method is "GET"; the callback runs once from the event loop.
  void request(const std::string& method, const std::string& path, const nlohmann::json& body,
               std::function<void(const Reply&)> done);
};

// The message for a failed reply (network, session ended, server error), translated.
const char* failureText(const Reply& r);

// GET requests for an area picker (area_picker.hpp) through the session.
std::function<void(const std::string&, std::function<void(int, const nlohmann::json&)>)> areaFetch(OfficeState& s);

void drawReport(OfficeState& s);
void drawViolations(OfficeState& s);
void drawTrace(OfficeState& s);
void drawVenues(OfficeState& s);

}  // namespace diemquet::ui::office
