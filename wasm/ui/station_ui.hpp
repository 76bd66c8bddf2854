// The station's screens: today at this venue, the manual check-in form, settings.
#pragma once
#include <string>

#include "modes.hpp"
#include "station_session.hpp"

namespace diemquet::ui {

enum class Screen { Today, Manual, Settings };

// What the screens remember between frames (form contents, the current screen).
struct UiState {
  Screen screen = Screen::Today;
  // Manual form
  std::string name, cccd, phone, time;
  int direction = 0;  // 0 in, 1 out
  FieldErrors manualErrors;
  // Settings form
  bool settingsLoaded = false;
  std::string venueName, scanPointName;
  int lang = 0;  // 0 vi, 1 en
  const char* venueError = nullptr;
  const char* scanPointError = nullptr;
  double settingsSavedAt = -100;
};

class StationUi : public ModeUi {
 public:
  explicit StationUi(StationSession& session) : m_session(session) {}
  // Draws one frame of the whole station UI.
  void frame(bool online) override;
  UiState& state() { return m_state; }

 private:
  StationSession& m_session;
  UiState m_state;
};

// One function per screen (screen_*.cpp), drawn inside the body area.
void drawToday(StationSession& session, UiState& ui);
void drawManual(StationSession& session, UiState& ui);
void drawSettings(StationSession& session, UiState& ui);
// The save-status line shared by the screens that save check-ins.
void drawSaveStatus(StationSession& session);

}  // namespace diemquet::ui
