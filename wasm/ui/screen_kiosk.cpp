// The kiosk (screen_kiosk.hpp). Scans reach it through StationUi::tick like any scan; this
// screen only draws the last outcome big, for a visitor a metre away from the phone.
#include "screen_kiosk.hpp"

#include <imgui.h>

#include <array>

#include "camera.hpp"
#include "glyph_fallback.hpp"
#include "i18n.hpp"
#include "kiosk.hpp"
#include "masking.hpp"
#include "probe.hpp"
#include "services.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {

constexpr const char* kStoreKey = "dq-kiosk";
constexpr double kConfirmSeconds = 5.0;  // a visitor reads it, the next one steps up

struct KioskState {
  bool loaded = false;
  std::optional<kiosk::Lock> lock;
  kiosk::Attempts attempts;
  bool asking = false;        // the PIN pad is open
  std::string pin, setupPin;  // as typed
  std::optional<Str> pinError, setupError;  // translated when drawn: they follow the language
  platform::CameraState drawnCamera = platform::CameraState::Off;
  bool cameraAsked = false;
  double confirmUntil = -1;  // ImGui time the confirmation on screen ends
} g_k;

client::KeyValueStore* g_store = nullptr;  // localStorage, from the app

void load() {
  if (g_k.loaded || !g_store) return;
  g_k.loaded = true;
  g_k.lock = kiosk::lockFromJson(g_store->get(kStoreKey));
  if (g_k.lock) services().keepScreenOn(true);
}

bool confirming(const UiState& ui) {
  return ui.lastScan && ImGui::GetTime() - ui.lastScanAt < kConfirmSeconds;
}

// A text centred in the width, wrapped, reported to the probe.
void bigText(const char* id, const std::string& text, ImFont* font, ImU32 color) {
  const std::string s = drawable(font, text);
  float w = ImGui::GetContentRegionAvail().x;
  ImVec2 ts = font->CalcTextSizeA(fontPx(font), FLT_MAX, w, s.c_str());
  ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddText(font, fontPx(font), ImVec2(at.x + std::max(0.0f, (w - ts.x) / 2), at.y), color,
                                      s.c_str(), nullptr, w);
  ImGui::Dummy(ImVec2(w, ts.y));
  probe::add("text", id, s, at.x, at.y, w, ts.y);
}

void cameraBox(float h) {
  using platform::CameraState;
  CameraState st = platform::cameraState();
  g_k.drawnCamera = st;
  if (st == CameraState::Off && !g_k.cameraAsked) {
    g_k.cameraAsked = true;
    platform::cameraStart();
  }
  float w = ImGui::GetContentRegionAvail().x;
  ImGui::InvisibleButton("##kiosk.camera", ImVec2(w, h));
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, IM_COL32(15, 23, 42, 255), theme::kRadius);
  if (st == CameraState::Live) {
    ImVec2 c0 = dl->GetClipRectMin(), c1 = dl->GetClipRectMax();
    platform::cameraShowView(a.x, a.y, w, h, theme::kRadius, std::max(a.x, c0.x), std::max(a.y, c0.y),
                             std::min(b.x, c1.x), std::min(b.y, c1.y));
    probe::add("camera", "kiosk.camera.live", "live", a.x, a.y, w, h);
    return;
  }
  Str msg = st == CameraState::Starting      ? Str::CameraStarting
            : st == CameraState::Denied      ? Str::CameraDenied
            : st == CameraState::Unavailable ? Str::CameraUnavailable
            : st == CameraState::Error       ? Str::CameraError
                                             : Str::CameraStart;
  ImFont* f = fonts().bold;
  const char* s = tr(msg);
  ImVec2 ts = f->CalcTextSizeA(fontPx(f), FLT_MAX, w - 40, s);
  dl->AddText(f, fontPx(f), ImVec2(a.x + (w - ts.x) / 2, a.y + (h - ts.y) / 2), IM_COL32_WHITE, s, nullptr, w - 40);
  probe::add("camera", "kiosk.camera.off", s, a.x, a.y, w, h);
}

// The last visitor's outcome, big: who (masked), in or out, when.
void confirmation(StationSession& session, const UiState& ui) {
  const ScanOutcome& out = *ui.lastScan;
  const SaveStatus& st = session.saveStatus();
  if (out.kind == ScanOutcome::Kind::Saving && st.state == SaveStatus::State::Saved) {
    const bool in = st.direction == Direction::In;
    const std::string who = out.payload ? out.payload->person.displayName : st.displayName;
    const std::string id = out.payload ? maskId(out.payload->person.key) : std::string();
    banner("kiosk.confirm.bar", tr(in ? Str::KioskSavedIn : Str::KioskSavedOut), in ? theme::kIn : theme::kOut);
    bigText("kiosk.confirm",
            std::string(tr(in ? Str::KioskSavedIn : Str::KioskSavedOut)) + "\n" + who + "\n" + id + " · " +
                formatLocalTime(st.at),
            fonts().title, in ? theme::kIn : theme::kOut);
  } else if (out.kind == ScanOutcome::Kind::Saving) {
    bigText("kiosk.saving", tr(Str::Saving), fonts().title, theme::kWarn);
  } else if (out.kind == ScanOutcome::Kind::Duplicate) {
    bigText("kiosk.repeat", tr(Str::KioskRepeat), fonts().title, theme::kOut);
  } else {
    bigText("kiosk.rejected", tr(Str::KioskRejected), fonts().title, theme::kDanger);
  }
}

void pinPad(StationSession& session, UiState& ui) {
  const int64_t wait = g_k.attempts.waitMs(session.now().utcMs);
  textField("kiosk.pin", tr(Str::KioskPin), g_k.pin, platform::InputMode::Password, "", trIf(g_k.pinError));
  if (wait > 0) {
    std::string t = tr(Str::KioskPinWait);
    auto at = t.find("{n}");
    if (at != std::string::npos) t.replace(at, 3, std::to_string((wait + 999) / 1000));
    text("kiosk.pin.wait", t, theme::kDanger);
  }
  float half = (ImGui::GetContentRegionAvail().x - theme::kGap) / 2;
  if (button("kiosk.unlock", tr(Str::KioskLeave), ButtonStyle::Danger, half) && wait == 0) {
    if (g_k.lock && kiosk::unlocks(*g_k.lock, g_k.pin)) {
      g_k.attempts.succeeded();
      g_k.lock.reset();
      if (g_store) g_store->set(kStoreKey, "");
      services().keepScreenOn(false);
      platform::cameraStop();
      ui.screen = Screen::Today;
      ui.lastScan.reset();
      g_k.asking = false;
    } else {
      g_k.attempts.failed(session.now().utcMs);
      g_k.pinError = Str::KioskPinWrong;
    }
    g_k.pin.clear();
    platform::textFieldBlur();
  }
  ImGui::SameLine(0, theme::kGap);
  if (button("kiosk.cancel", tr(Str::Cancel), ButtonStyle::Secondary, half)) {
    g_k.asking = false;
    g_k.pin.clear();
    g_k.pinError.reset();
    platform::textFieldBlur();
  }
}

}  // namespace

void setKioskStore(client::KeyValueStore* store) {
  g_store = store;
}

bool kioskLocked() {
  load();
  return g_k.lock.has_value();
}

const char* kioskWakeLockWord() {
  switch (services().screenKeep()) {
    case ScreenKeep::Held:
      return "held";
    case ScreenKeep::Unsupported:
      return "unsupported";
    case ScreenKeep::Refused:
      return "refused";
    default:
      return "off";
  }
}

bool kioskNeedsFrame() {
  return kioskLocked() &&
         (platform::cameraState() != g_k.drawnCamera || g_k.asking || ImGui::GetTime() < g_k.confirmUntil + 0.1);
}

bool drawKiosk(StationSession& session, UiState& ui, bool online) {
  if (!kioskLocked()) return false;
  (void)online;
  ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetCursorPos(ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme::kPad, theme::kPad));
  ImGui::BeginChild("body.kiosk", size, false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  const StationSettings& s = session.station().settings();
  text("kiosk.where", s.venue.name + " · " + s.scanPoint.name, theme::kMuted);
  if (!session.station().isConfigured()) banner("kiosk.notConfigured", tr(Str::NotConfigured), theme::kWarn);
  if (g_k.asking) {
    pinPad(session, ui);
  } else if (confirming(ui)) {
    g_k.confirmUntil = ui.lastScanAt + kConfirmSeconds;
    confirmation(session, ui);
    cameraBox(size.y * 0.3f);
  } else {
    bigText("kiosk.instructions", tr(Str::KioskInstructions), fonts().title, theme::kText);
    cameraBox(size.y * 0.42f);
    bigText("kiosk.noTap", tr(Str::KioskNoTap), fonts().bold, theme::kMuted);
  }
  if (!g_k.asking) {
    // Small and at the bottom: for staff, not for the visitor.
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY() + theme::kGap, size.y - theme::kTouch - 2 * theme::kPad));
    if (button("kiosk.exit", tr(Str::KioskExit), ButtonStyle::Quiet)) {
      g_k.asking = true;
      g_k.pinError.reset();
    }
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
  return true;
}

void drawKioskSetup(StationSession& session, UiState& ui) {
  ImGui::Dummy(ImVec2(1, theme::kGap));
  text("kiosk.setup.title", tr(Str::KioskSetupTitle), theme::kText, fonts().bold);
  text("kiosk.setup.hint", tr(Str::KioskSetupHint), theme::kMuted);
  textField("kiosk.setup.pin", tr(Str::KioskPin), g_k.setupPin, platform::InputMode::Password, "", trIf(g_k.setupError));
  if (button("kiosk.setup.start", tr(Str::KioskStart), ButtonStyle::Secondary)) {
    if (!kiosk::validPin(g_k.setupPin)) {
      g_k.setupError = Str::KioskPinInvalid;
      return;
    }
    if (!session.station().isConfigured()) {
      g_k.setupError = Str::NotConfigured;
      return;
    }
    std::array<uint8_t, 16> salt{};
    randomBytes(salt.data(), salt.size());
    g_k.lock = kiosk::makeLock(g_k.setupPin, salt);
    if (g_store) g_store->set(kStoreKey, kiosk::toJson(*g_k.lock));
    g_k.setupPin.clear();
    g_k.setupError.reset();
    g_k.cameraAsked = false;
    platform::textFieldBlur();
    services().keepScreenOn(true);
    ui.lastScan.reset();
    ui.screen = Screen::Scan;
  }
}

}  // namespace diemquet::ui
