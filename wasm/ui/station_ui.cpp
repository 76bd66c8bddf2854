#include "station_ui.hpp"

#include <imgui.h>

#include <algorithm>
#include <utility>

#include "camera.hpp"
#include "glyph_fallback.hpp"
#include "i18n.hpp"
#include "masking.hpp"
#include "probe.hpp"
#include "screen_kiosk.hpp"
#include "screen_sync.hpp"
#include "services.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {

constexpr float kTopBar = 64.0f;
constexpr float kBottomNav = 76.0f;

void topBar(const StationSession& session, bool online) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 size = ImGui::GetIO().DisplaySize;
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(size.x, kTopBar), theme::kPrimaryDark);
  probe::add("bar", "bar.top", "", 0, 0, size.x, kTopBar);  // tests: nothing tappable hides under it
  ImFont* bold = fonts().bold;
  dl->AddText(bold, fontPx(bold), ImVec2(theme::kPad, 8), IM_COL32_WHITE, tr(Str::AppName));
  const StationSettings& s = session.station().settings();
  ImFont* body = fonts().body;
  float fs = fontPx(body) * 0.9f;
  // The pill: the network, and whether scans reach the server (colour and word, never colour
  // alone). Green only when they do.
  struct Pill {
    Str word;
    ImU32 colour;
    const char* id;
  };
  Pill pill{Str::Online, theme::kOnline, "top.online"};
  switch (stationConnection(session, online)) {
    case sync::Connection::Offline:
      pill = {Str::Offline, theme::kOffline, "top.offline"};
      break;
    case sync::Connection::LocalOnly:
      pill = {Str::ConnLocalOnly, theme::kOffline, "top.localOnly"};
      break;
    case sync::Connection::Connecting:
      pill = {Str::ConnConnecting, theme::kOffline, "top.connecting"};
      break;
    case sync::Connection::ServerTrouble:
      pill = {Str::ConnServerTrouble, theme::kWarn, "top.serverTrouble"};
      break;
    case sync::Connection::NeedsCode:
      pill = {Str::ConnNeedsCode, theme::kWarn, "top.needsCode"};
      break;
    case sync::Connection::Online:
      break;
  }
  const char* word = tr(pill.word);
  float pillW = bold->CalcTextSizeA(fontPx(body), FLT_MAX, 0, word).x + 44;
  // On one line beside the pill: a long venue name is shortened ("Chợ đầu mối nông sản…"), so
  // the scan point, which tells two gates' phones apart, stays in view.
  const float whereW = size.x - pillW - 2 * theme::kPad - 4;
  std::string where = drawable(body, tr(Str::NotSetUp));
  if (!s.venue.name.empty()) {
    where = fitText(body, fs, "", s.venue.name, " · " + s.scanPoint.name, whereW, fs);
    if (where.empty()) where = fitText(body, fs, "", s.venue.name + " · " + s.scanPoint.name, "", whereW, fs);
  }
  dl->PushClipRect(ImVec2(0, 0), ImVec2(size.x - pillW - theme::kPad - 4, kTopBar), true);
  dl->AddText(body, fs, ImVec2(theme::kPad, 36), IM_COL32(219, 234, 254, 255), where.c_str());
  dl->PopClipRect();
  probe::add("text", "top.where", where, theme::kPad, 36, size.x - pillW, fs);
  ImVec2 a(size.x - pillW - theme::kPad, 14), b(size.x - theme::kPad, 50);
  dl->AddRectFilled(a, b, pill.colour, 18);
  dl->AddCircleFilled(ImVec2(a.x + 16, (a.y + b.y) * 0.5f), 5, IM_COL32_WHITE);
  dl->AddText(bold, fontPx(body), ImVec2(a.x + 28, a.y + (b.y - a.y - fontPx(body)) * 0.5f), IM_COL32_WHITE, word);
  probe::add("status", pill.id, word, a.x, a.y, b.x - a.x, b.y - a.y);
}

void bottomNav(UiState& ui) {
  ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetCursorPos(ImVec2(theme::kPad * 0.5f, size.y - kBottomNav + 8));
  float w = (size.x - theme::kPad - 3 * theme::kGap) / 4.0f;
  struct Tab {
    const char* id;
    Str label;
    Screen screen;
  } tabs[] = {{"nav.scan", Str::NavScan, Screen::Scan},
              {"nav.today", Str::NavToday, Screen::Today},
              {"nav.manual", Str::NavManual, Screen::Manual},
              {"nav.settings", Str::NavSettings, Screen::Settings}};
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, size.y - kBottomNav), size, theme::kCard);
  probe::add("bar", "bar.bottom", "", 0, size.y - kBottomNav, size.x, kBottomNav);
  ImGui::GetWindowDrawList()->AddLine(ImVec2(0, size.y - kBottomNav), ImVec2(size.x, size.y - kBottomNav),
                                      theme::kBorder);
  for (int i = 0; i < 4; ++i) {
    if (i) ImGui::SameLine();
    bool on = ui.screen == tabs[i].screen;
    // One line per tab at any width: "Nhập tay" wrapped at 360 px.
    if (button(tabs[i].id, tr(tabs[i].label), on ? ButtonStyle::Primary : ButtonStyle::Quiet, w, 60, true)) {
      ui.screen = tabs[i].screen;
      platform::textFieldBlur();
    }
  }
}

}  // namespace

void StationUi::frame(bool online) {
  setLanguage(m_session.station().settings().language == "en" ? Lang::En : Lang::Vi);
  ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(size);
  // No padding on the frame window: the bars run edge to edge; the body pads itself.
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("station", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar |
                   ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar();
  // A kiosk (issue #17) is the whole screen: no bars, no settings, no lists.
  if (drawKiosk(m_session, m_state, online)) {
    ImGui::End();
    return;
  }
  topBar(m_session, online);
  setSyncNetworkOnline(online);
  ImGui::SetCursorPos(ImVec2(0, kTopBar));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme::kPad, theme::kPad));
  // One scrolling body per screen: a screen never opens at another screen's scroll position
  // (Today opened scrolled, the counts under the header), not even for its first frame.
  static const char* const kBodies[] = {"body.scan", "body.today", "body.manual", "body.settings"};
  // The scrollbar's width is kept from the start: a list growing past the screen brought a 6-px
  // scrollbar that narrowed everything, moving the counts and buttons under a finger. Its grab
  // shows only while the body scrolls (as of the last frame: the track is there either way).
  const bool scrolls = m_bodyScrolls;
  if (!scrolls) {
    for (ImGuiCol c : {ImGuiCol_ScrollbarGrab, ImGuiCol_ScrollbarGrabHovered, ImGuiCol_ScrollbarGrabActive})
      ImGui::PushStyleColor(c, ImVec4(0, 0, 0, 0));
  }
  ImGui::BeginChild(kBodies[int(m_state.screen)], ImVec2(size.x, size.y - kTopBar - kBottomNav), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_AlwaysVerticalScrollbar);
  if (!scrolls) ImGui::PopStyleColor(3);
  // Each screen opens at its top, and may ask for its top again (closing the day: the summary
  // is there).
  if (m_state.screen != m_shownScreen || m_state.scrollTop) ImGui::SetScrollY(0);
  // Leaving Scan, by a tab or by a button on it ("Nhập tay", "Mở Cài đặt"), stops the camera: left
  // running behind Settings it went on saving every card held up to it, unseen.
  if (m_shownScreen == Screen::Scan && m_state.screen != Screen::Scan) {
    platform::cameraStop();
    m_state.cameraAutoStart = true;
  }
  m_shownScreen = m_state.screen;
  m_state.scrollTop = false;
  switch (m_state.screen) {
    case Screen::Scan:
      drawScan(m_session, m_flow, m_state);
      break;
    case Screen::Today:
      drawToday(m_session, m_state);
      break;
    case Screen::Manual:
      drawManual(m_session, m_state);
      break;
    case Screen::Settings:
      drawSettings(m_session, m_state);
      break;
  }
  ImGui::Dummy(ImVec2(1, theme::kPad));
  m_bodyScrolls = ImGui::GetScrollMaxY() > 0;
  ImGui::EndChild();
  ImGui::PopStyleVar();
  bottomNav(m_state);
  ImGui::End();
}

// Decoded texts are handled the moment the camera's worker posts them (the check-in's save
// starts before the next animation frame); tick() handles whatever else arrived.
StationUi::StationUi(StationSession& session) : m_session(session), m_flow(session) {
  platform::cameraOnDecoded([this] { m_scanHandled = tick() || m_scanHandled; });
}

StationUi::~StationUi() {
  platform::cameraOnDecoded({});
}

bool StationUi::tick() {
  bool changed = std::exchange(m_scanHandled, false);
  for (const std::string& text : platform::takeDecodedScans()) {
    ScanOutcome out = m_flow.onDecoded(text);
    if (out.kind == ScanOutcome::Kind::Duplicate) {
      // Said on screen ("Đã quét: … · VÀO 07:02"), never silently dropped. A card that never
      // left the view changes nothing while its person is on screen (its "Đã lưu" stays, the
      // card details stay open); shown again, it is said again.
      bool samePerson = m_state.lastScan && m_state.lastScan->payload && out.payload &&
                        m_state.lastScan->payload->person.key == out.payload->person.key;
      // Once its band has given way to the quiet line, a showing again is news again.
      const bool bandUp = m_state.lastScan && !scanBandExpired(m_session, m_state);
      if (samePerson && (out.stillInView || (m_state.lastScan->kind == out.kind && bandUp))) continue;
      m_state.lastScan = out;
      m_state.lastScanAt = ImGui::GetTime();
      m_state.lastScanWhen = m_session.now();
      m_state.showCard = false;
      services().announce(std::string(tr(Str::ScanRepeat)) + ": " + out.payload->person.displayName);
      changed = true;
      continue;
    }
    // A poster, a card while not set up, a refused code: said once, with one beep, as a repeat
    // is. Held up to the camera it is read several times a second, and beeped at every read;
    // shown again while its band still says it, it is no news either.
    const bool unsaved = out.kind != ScanOutcome::Kind::Saving;
    if (unsaved && out.sameCodeAgain && m_state.lastScan && m_state.lastScan->kind == out.kind &&
        (out.stillInView || !scanBandExpired(m_session, m_state)))
      continue;
    m_state.lastScan = out;
    m_state.lastScanAt = ImGui::GetTime();
    m_state.lastScanWhen = m_session.now();
    m_state.showCard = false;
    if (out.kind == ScanOutcome::Kind::Rejected || out.kind == ScanOutcome::Kind::NotConfigured)
      services().feedbackError();
    changed = true;
  }
  // Beep and vibrate once per save, when the journal confirms it: the sound means "saved".
  const SaveStatus& st = m_session.saveStatus();
  if (st.serial != m_feedbackSerial && st.state != SaveStatus::State::Saving && st.state != SaveStatus::State::Idle) {
    m_feedbackSerial = st.serial;
    if (st.state == SaveStatus::State::Saved) {
      services().feedbackSaved();
      services().announce(std::string(tr(Str::Saved)) + ": " + st.displayName);
    } else if (st.state == SaveStatus::State::Repeat) {
      services().announce(std::string(tr(Str::ManualRepeat)) + ": " + st.displayName);  // nothing saved: no beep
    } else {
      services().feedbackError();
    }
    changed = true;
  }
  // Said once when the server's timeline turns the last save into the way out (no beep: the
  // save itself was beeped; this only changes what it means).
  if (st.corrected && st.serial != m_correctedSerial) {
    m_correctedSerial = st.serial;
    services().announce(std::string(tr(st.direction == Direction::In ? Str::DirIn : Str::CheckedOut)) + ": " +
                        st.displayName + ", " + correctionReason(st.onOtherPhone));
    changed = true;
  }
  return changed;
}

std::unique_ptr<ModeUi> makeStationUi(StationSession& session) {
  return std::make_unique<StationUi>(session);
}

namespace {

// "Đã đóng ngày · 12 người được ghi RA · 21:05": the closing as a whole, not its last person.
std::string closeDaySummary(const SaveStatus& st) {
  std::string n = tr(Str::CloseDayCount);
  size_t at = n.find("{n}");
  if (at != std::string::npos) n.replace(at, 3, std::to_string(st.bulkCount));
  return std::string(tr(Str::CloseDayDone)) + " · " + n + " · " + formatLocalTime(st.at);
}

// The status line of the last save, in a slot `height` px tall: never taller (a long name
// wrapped past the slot and was drawn over the form below), the name shortened first so what
// was done and when stays in view. False when nothing is drawn. `undoOffered`: "Hoàn tác" is
// beside it, so the line stays (both last kSaveLineMs; the clock, read twice, may disagree by
// a millisecond at the end).
bool statusLine(StationSession& session, const char* refusedHint, float height, bool undoOffered) {
  const SaveStatus& st = session.saveStatus();
  if (!saveLineUp(st, session.now()) && !undoOffered) return false;  // see saveLineUp: why each lasts
  if (st.state == SaveStatus::State::Saving) {
    bannerFitted("status.saving", tr(Str::Saving), "", "", height, theme::kWarn);
    return true;
  }
  if (st.state == SaveStatus::State::Failed) {
    // Names whom it failed for: the last person's "saved" (and its undo) is gone. A lost save
    // says "try again" whatever the form holds: the form's fields are someone else's by now.
    const char* what = st.lost() || !refusedHint ? tr(Str::SaveFailed) : refusedHint;
    std::string hint = std::string("\n") + what;
    const std::string head = std::string(tr(Str::NotSaved)) + (st.displayName.empty() ? "" : " · ");
    bannerFitted("status.failed", head, st.displayName, hint, height, theme::kDanger);
    return true;
  }
  if (st.state == SaveStatus::State::Repeat) {
    // Typed again moments after the person's entry (here, or on another phone at this gate):
    // nothing saved, and the entry it repeats, as Scan says of a card shown again.
    std::string tail = std::string(" · ") + tr(st.direction == Direction::In ? Str::DirIn : Str::DirOut) + " " +
                       formatLocalTime(st.previousAt);
    if (st.onOtherPhone) tail += std::string(" · ") + tr(Str::OnOtherPhone);
    // Only a typed entry repeats in the status line (Scan says its own): the form's words.
    bannerFitted("status.repeat", std::string(tr(Str::ManualRepeat)) + ": ", st.displayName, tail, height,
                 theme::kWarn);
    return true;
  }
  if (st.undone) {
    bannerFitted("status.undone", tr(Str::UndoDone), "", "", height, theme::kMuted);
    return true;
  }
  if (st.bulk) {  // closing the day: how many, not the last of them
    bannerFitted("status.closed", closeDaySummary(st), "", "", height, theme::kOut);
    return true;
  }
  // A check-out says so first, in its own words: "ĐÃ RA", never mistaken for a check-in, and
  // names its direction once ("← ĐÃ RA · An · RA 08:12" read as two events). One the server's
  // timeline turned into the way out says why: the person had come in through another gate.
  const bool in = st.direction == Direction::In;
  const std::string head = in ? std::string(tr(Str::Saved)) + " · " : std::string("← ") + tr(Str::CheckedOut) + " · ";
  std::string tail =
      std::string(" · ") + (in ? std::string(tr(Str::DirIn)) + " " : "") + formatLocalTime(st.shownTime());
  if (st.corrected) tail += std::string(" · ") + correctionReason(st.onOtherPhone);
  bannerFitted("status.saved", head, st.displayName, tail, height, in ? theme::kIn : theme::kOut);
  return true;
}

// The last save once its line and undo are gone (Today, the manual form), as Scan's quiet
// line: "Lần lưu trước: N. V. An · VÀO 07:02" (the name masked: the staff member saw the person;
// others reading the phone need not); a closed day keeps its summary. "" when there is none.
std::string lastSaveLine(const SaveStatus& st) {
  if (st.state != SaveStatus::State::Saved) return {};
  if (st.bulk) return closeDaySummary(st);
  std::string line = std::string(tr(Str::SavedLast)) + ": " + maskName(st.displayName) + " · ";
  if (st.undone) return line + tr(Str::Undone);
  // The entry's own time, as the list shows it (a typed "Giờ"), not when it was committed.
  line +=
      std::string(tr(st.direction == Direction::In ? Str::DirIn : Str::DirOut)) + " " + formatLocalTime(st.shownTime());
  if (st.corrected) line += std::string(" · ") + correctionReason(st.onOtherPhone);
  return line;
}

// When "Ghi RA ngay" was last tapped (the phone's clock, ms): the save it makes puts "Hoàn tác"
// where the finger is, and the second tap of a double tap must not undo it.
int64_t g_recordOtherAtMs = 0;
constexpr int64_t kSecondTapMs = 1000;

}  // namespace

// The status line in a slot of fixed height with "Hoàn tác" beside it, not under it: the form
// below never moves when the line appears or expires (a tap meant for "Lưu" switched tabs when
// the undo button vanished and everything moved up 66 px). Idle, the slot shows `idle`.
// A repeat by hand has "Ghi RA ngay" (or "Ghi VÀO lại") in the undo's place, as Scan offers
// for a card shown again: the entry it repeats stands, and the person may be on the way out.
void drawSaveStatusFixed(StationSession& session, float height, const char* idle, const char* refusedHint) {
  float w = ImGui::GetContentRegionAvail().x;
  // canUndo() lasts kSaveLineMs, as the line does: the undo goes when the line goes.
  bool undo = session.canUndo();
  const SaveStatus& st = session.saveStatus();
  const bool other = !undo && st.state == SaveStatus::State::Repeat && saveLineUp(st, session.now());
  float undoW = undo ? std::min(104.0f, w * 0.3f) : other ? std::min(124.0f, w * 0.36f) : 0;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::BeginChild("status.slot", ImVec2(undoW > 0 ? w - undoW - theme::kGap : w, height), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
  if (!statusLine(session, refusedHint, height, undo)) {
    // The screen's title, and under it the last save once its line has gone (it went with
    // nothing after it, and staff were left wondering whether the last person was recorded).
    // After a repeat or a refusal, still the last save: they saved nothing.
    const std::string last = lastSaveLine(session.lastSaved());
    const float titleH = idle ? fontPx(fonts().bold) * 1.2f : 0, lastH = last.empty() ? 0 : fontPx(fonts().body) * 1.2f;
    ImGui::SetCursorPosY(std::max(0.0f, (height - titleH - lastH) * 0.5f));
    if (idle) text("status.idle", idle, theme::kText, fonts().bold);
    if (!last.empty()) text("status.last", last, theme::kMuted);
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
  if (undo) {
    ImGui::SameLine(0, theme::kGap);
    if (button("status.undo", tr(Str::Undo), ButtonStyle::Secondary, undoW, height, true) &&
        session.now().utcMs - g_recordOtherAtMs > kSecondTapMs)
      session.undoLast();
  } else if (other) {
    ImGui::SameLine(0, theme::kGap);
    const Str label = st.direction == Direction::In ? Str::RecordOutNow : Str::RecordInNow;
    if (button("status.recordOther", tr(label), ButtonStyle::Secondary, undoW, height, true) &&
        session.recordRepeatAsOther())
      g_recordOtherAtMs = session.now().utcMs;
  }
}

}  // namespace diemquet::ui
