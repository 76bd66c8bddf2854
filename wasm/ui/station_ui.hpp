// The station's screens: today at this venue, the manual check-in form, settings.
#pragma once
#include <string>

#include "i18n.hpp"
#include "modes.hpp"
#include "poster/poster_pdf.hpp"
#include "scan_flow.hpp"
#include "station_session.hpp"
#include "visitor_pass_issue.hpp"

namespace diemquet::ui {

enum class Screen { Scan, Today, Manual, Settings };

// What the screens remember between frames (form contents, the current screen).
struct UiState {
  Screen screen = Screen::Today;
  // Manual form
  std::string name, cccd, phone, time;
  int direction = 0;  // 0 in, 1 out
  FieldErrors manualErrors;
  uint64_t manualSavedSerial = 0;  // the save status the form's last save made
  int64_t manualSavedAtMs = 0;     // and when (the phone's clock)
  bool manualScrollTop = false;    // scroll the form to its top (where the save's outcome is)
  std::optional<IssuedPass> pass;  // a visitor pass being shown
  poster::QrMatrix passQr;
  // Settings form
  bool settingsLoaded = false;
  StationSettings settingsShown;  // what the form was filled from: reloaded when they differ
  std::string venueName, scanPointName;
  std::string repeatMinutes;  // the repeat window being edited, as typed
  // The fields' errors as keys, translated when drawn (they follow a language switch).
  std::optional<Str> repeatError;
  int lang = 0;  // 0 vi, 1 en
  std::optional<Str> venueError;
  std::optional<Str> scanPointError;
  double settingsSavedAt = -100;
  // Today
  bool confirmCloseDay = false;
  bool scrollTop = false;  // the next frame shows the top of the screen
  // Scan screen
  std::optional<ScanOutcome> lastScan;  // the newest outcome, shown until the next one
  double lastScanAt = -100;
  // The session's clock when lastScan came: a repeat's or a refusal's band lasts kSaveLineMs,
  // as a save's does, then gives way to a quiet line (scanBandExpired).
  Instant lastScanWhen;
  bool showCard = false;    // full card details, for staff to compare
  bool revealCard = false;  // the details just opened: scroll them into view
  int cameraDevice = 0;
  // The camera starts by itself each time Scan opens (it is stopped whenever Scan is left);
  // cleared once it was asked to, so a camera that failed or was refused is not asked again.
  bool cameraAutoStart = true;
};

// True when the scan screen must be redrawn although nothing else changed (screen_scan.cpp).
bool scanNeedsFrame();
// True once the band of the last scan that saved nothing (a repeat, a refused code) is old
// news: shown kSaveLineMs, like a save's band, then a quiet line (screen_scan.cpp).
bool scanBandExpired(const StationSession& session, const UiState& ui);
// True when the kiosk (screen_kiosk.cpp) must be redrawn: a confirmation expiring, the camera.
bool kioskNeedsFrame();

class StationUi : public ModeUi {
 public:
  explicit StationUi(StationSession& session);
  ~StationUi() override;
  // Draws one frame of the whole station UI.
  void frame(bool online) override;
  bool tick() override;
  // The live camera view is the page's own <video>: the scan screen redraws only when the
  // camera's state changes, not for camera frames.
  bool animating() const override { return (m_state.screen == Screen::Scan && scanNeedsFrame()) || kioskNeedsFrame(); }
  UiState& state() { return m_state; }

 private:
  StationSession& m_session;
  ScanFlow m_flow;
  UiState m_state;
  Screen m_shownScreen = Screen::Today;
  bool m_bodyScrolls = false;  // the body's content was taller than the body last frame
  uint64_t m_feedbackSerial = 0;
  uint64_t m_correctedSerial = 0;  // the save whose correction was announced
  bool m_scanHandled = false;      // a scan handled between frames: the next tick() reports a change
};

// One function per screen (screen_*.cpp), drawn inside the body area.
void drawScan(StationSession& session, ScanFlow& flow, UiState& ui);
void drawToday(StationSession& session, UiState& ui);
void drawManual(StationSession& session, UiState& ui);
void drawSettings(StationSession& session, UiState& ui);
// The save-status line shared by the screens that save check-ins, in a slot of fixed height
// (nothing below it moves), "Hoàn tác" beside the line; `idle` is shown while there is none.
// `refusedHint`: what a failed save says to do instead of "try again" (the form's fields name
// what to fix while it has errors: trying again would not help).
void drawSaveStatusFixed(StationSession& session, float height, const char* idle, const char* refusedHint = nullptr);

}  // namespace diemquet::ui
