// The scan screen: the live camera view with a framing guide, and the last person scanned in
// large type (name, masked ID, birth year, direction) so staff confirm at a glance; the next
// person can be scanned at once. Undo, flip the direction, or show the full card on request.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <utility>

#include "camera.hpp"
#include "i18n.hpp"
#include "masking.hpp"
#include "payload/card_validity.hpp"
#include "probe.hpp"
#include "screen_binding.hpp"
#include "station_ui.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {

std::string dmy(const CardDate& d) {
  if (d.empty()) return "—";
  if (d.yearOnly()) return std::to_string(d.year);
  char b[16];
  std::snprintf(b, sizeof b, "%02d/%02d/%04d", d.day, d.month, d.year);
  return b;
}

platform::CameraState g_drawnCameraState = platform::CameraState::Off;  // as last drawn

// The camera view: a box the page fills with the live video (cropped to cover it, centred)
// and the corner marks where the card goes (web/scanner/camera.js draws both over the
// canvas, so camera frames cost no ImGui frame and no texture upload).
void cameraView() {
  using platform::CameraState;
  float w = ImGui::GetContentRegionAvail().x, h = w * 0.72f;
  const bool tapped = ImGui::InvisibleButton("##camera", ImVec2(w, h));
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, IM_COL32(15, 23, 42, 255), theme::kRadius);
  CameraState st = platform::cameraState();
  // The dark box says "Bật camera": a tap on it does what it says, as the button under it does.
  if (tapped && (st == CameraState::Off || st == CameraState::Error)) platform::cameraStart();
  g_drawnCameraState = st;
  if (st == CameraState::Live) {
    ImVec2 c0 = dl->GetClipRectMin(), c1 = dl->GetClipRectMax();
    platform::cameraShowView(a.x, a.y, w, h, theme::kRadius, std::max(a.x, c0.x), std::max(a.y, c0.y),
                             std::min(b.x, c1.x), std::min(b.y, c1.y));
    probe::add("camera", "scan.camera.live", "live", a.x, a.y, w, h);
    return;
  }
  Str msg = st == CameraState::Starting ? Str::CameraStarting
            : st == CameraState::Denied ? Str::CameraDenied
            : st == CameraState::Unavailable ? Str::CameraUnavailable
            : st == CameraState::Error ? Str::CameraError : Str::CameraStart;
  ImFont* f = fonts().body;
  const char* s = tr(msg);
  ImVec2 ts = f->CalcTextSizeA(fontPx(f), FLT_MAX, w - 40, s);
  dl->AddText(f, fontPx(f), ImVec2(a.x + (w - ts.x) / 2, a.y + (h - ts.y) / 2), IM_COL32_WHITE, s, nullptr, w - 40);
  probe::noteItem("scan.camera.off");  // the box takes taps (tests check where a tap landed)
  probe::add("camera", "scan.camera.off", s, a.x, a.y, w, h);
}

void cameraControls(UiState& ui) {
  using platform::CameraState;
  CameraState st = platform::cameraState();
  if (st == CameraState::Off || st == CameraState::Error) {
    if (button("scan.start", tr(Str::CameraStart))) platform::cameraStart();
    return;
  }
  if (st == CameraState::Denied || st == CameraState::Unavailable) return;
  int devices = platform::cameraDeviceCount();
  bool torch = platform::cameraTorchSupported();
  if (devices < 2 && !torch) return;
  float w = (ImGui::GetContentRegionAvail().x - theme::kGap) / 2;
  if (devices >= 2) {
    if (button("scan.switchCamera", tr(Str::SwitchCamera), ButtonStyle::Secondary, torch ? w : -1)) {
      ui.cameraDevice = (ui.cameraDevice + 1) % devices;
      platform::cameraStart(platform::cameraDeviceId(ui.cameraDevice));
    }
    if (torch) ImGui::SameLine();
  }
  if (torch) {
    bool on = platform::cameraTorchOn();
    if (button("scan.torch", tr(Str::Torch), on ? ButtonStyle::Primary : ButtonStyle::Secondary, devices >= 2 ? w : -1))
      platform::cameraSetTorch(!on);
  }
}

void cardRow(const char* id, Str label, const std::string& value) {
  text(id, std::string(tr(label)) + ": " + value, theme::kText);
}

// A card past its printed validity: said in red on the confirmation and in "Xem thẻ".
void expiredWarning(const char* id, const ScannedPayload& p, const Instant& now) {
  auto expired = cardExpiredOn(p, now);
  if (!expired) return;
  Str what = p.kind == PayloadKind::Bhyt ? Str::BhytExpired : Str::CccdExpired;
  banner(id, std::string("⚠ ") + tr(what) + " " + dmy(*expired), theme::kDanger);
}

// Everything the card says, for staff to compare with the person in front of them.
void cardDetails(const ScannedPayload& p, const Instant& now) {
  expiredWarning("card.expired", p, now);
  if (auto* c = std::get_if<CccdCard>(&p.details)) {
    cardRow("card.name", Str::CardName, c->name);
    cardRow("card.id", Str::CardId, c->id);
    if (!c->oldId.empty()) cardRow("card.oldId", Str::CardOldId, c->oldId);
    cardRow("card.birth", Str::CardBirth, dmy(c->birthDate));
    cardRow("card.sex", Str::CardSex, std::string(toString(c->sex)));
    cardRow("card.address", Str::CardAddress, c->address);
    cardRow("card.issued", Str::CardIssued, dmy(c->issueDate));
    if (!c->expiryDate.empty()) cardRow("card.expiry", Str::CardExpiry, dmy(c->expiryDate));
    for (size_t i = 0; i < c->warnings.size(); ++i)
      text(("card.warning." + std::to_string(i)).c_str(), std::string(tr(Str::CardWarning)) + ": " + c->warnings[i], theme::kWarn);
  } else if (auto* b = std::get_if<BhytCard>(&p.details)) {
    cardRow("card.name", Str::CardName, b->name);
    cardRow("card.id", Str::CardId, b->cardNumber);
    cardRow("card.birth", Str::CardBirth, dmy(b->birthDate));
    cardRow("card.sex", Str::CardSex, std::string(toString(b->sex)));
    if (!b->address.empty()) cardRow("card.address", Str::CardAddress, b->address);
    cardRow("card.clinic", Str::CardClinic, b->clinic);
    cardRow("card.valid", Str::CardValid, dmy(b->validFrom) + " – " + dmy(b->validTo));
  } else if (auto* pc = std::get_if<PcCovidCard>(&p.details)) {
    cardRow("card.name", Str::CardName, pc->name);
    cardRow("card.id", Str::CardId, maskId(pc->idNumber));
    cardRow("card.birth", Str::CardBirth, dmy(pc->birthDate));
  } else if (auto* v = std::get_if<VisitorPass>(&p.details)) {
    cardRow("card.name", Str::CardName, v->name);
    cardRow("card.id", Str::CardId, v->passId);
    if (v->birthYear) cardRow("card.birth", Str::CardBirth, std::to_string(v->birthYear));
  }
}

// "Xem thẻ" and, open, the card's details. Opening scrolls the screen once so the details are
// in view from the button down (at 360×740 they opened under the bottom bar, the expiry warning
// first of them, and staff saw nothing happen).
void cardButtonAndDetails(StationSession& session, UiState& ui, const ScannedPayload& p) {
  const float top = ImGui::GetCursorPosY();  // content coordinates: scrolling does not move them
  if (button("scan.card", tr(ui.showCard ? Str::HideCard : Str::ShowCard), ButtonStyle::Quiet)) {
    ui.showCard = !ui.showCard;
    ui.revealCard = ui.showCard;
  }
  if (!ui.showCard) return;
  cardDetails(p, session.now());
  if (!std::exchange(ui.revealCard, false)) return;
  const float bottom = ImGui::GetCursorPosY(), view = ImGui::GetWindowHeight();
  float scroll = std::max(ImGui::GetScrollY(), bottom - view + theme::kPad);  // the end in view…
  ImGui::SetScrollY(std::min(scroll, top - theme::kPad));                     // …unless the top would leave it
}

Str kindLabel(PayloadKind k) {
  switch (k) {
    case PayloadKind::Bhyt: return Str::KindBhyt;
    case PayloadKind::PcCovid: return Str::KindPcCovid;
    case PayloadKind::VisitorPass: return Str::KindVisitor;
    default: return Str::KindCccd;
  }
}

void personLine(const ScannedPayload& p) {
  std::string sub = std::string(tr(kindLabel(p.kind))) + " " + maskId(p.person.key);
  if (p.person.birthYear) sub += " · " + std::string(tr(Str::BirthYear)) + " " + std::to_string(p.person.birthYear);
  text("scan.sub", sub, theme::kMuted);
}

// A card shown again within the repeat window: nothing was saved, and staff see why
// ("Đã quét: Trần Văn Đức · VÀO 07:02"); one tap records the other direction if it was meant.
void repeatedCard(StationSession& session, ScanFlow& flow, UiState& ui, const ScanOutcome& out) {
  const ScannedPayload& p = *out.payload;
  std::string line = std::string(tr(Str::ScanRepeat)) + ": " + p.person.displayName;
  if (out.previous)
    line += std::string(" · ") + tr(out.previous->direction == Direction::In ? Str::DirIn : Str::DirOut) + " " +
            formatLocalTime(out.previous->at);
  if (out.previous && out.previousOnOtherPhone) line += std::string(" · ") + tr(Str::OnOtherPhone);
  banner("scan.repeat", line, theme::kWarn);
  text("scan.name", p.person.displayName, theme::kText, fonts().title);
  personLine(p);
  expiredWarning("scan.expired", p, session.now());
  if (out.previous) {
    bool wasIn = out.previous->direction == Direction::In;
    if (button("scan.recordOther", tr(wasIn ? Str::RecordOutNow : Str::RecordInNow), ButtonStyle::Secondary) &&
        flow.recordRepeatAsOther(out)) {
      ScanOutcome saving;  // `out` lives in ui.lastScan: copy first, replace, touch it no more
      saving.kind = ScanOutcome::Kind::Saving;
      saving.payload = out.payload;
      ui.lastScan = std::move(saving);
      return;
    }
  }
  cardButtonAndDetails(session, ui, p);
}

// Not set up: no scan is saved; how to set up from here (the poster) or in Settings.
void notConfigured(UiState& ui) {
  banner("scan.notConfigured", tr(Str::ScanNotConfigured), theme::kWarn);
  if (button("scan.goSettings", tr(Str::GoToSettings))) ui.screen = Screen::Settings;
}

// The last scan, quietly, once it is no longer news: "Lần quét trước: <what>", then what the
// station is waiting for: the next card, or, not set up, its setting up (as before any scan).
void quietLine(const std::string& what, const StationSession& session, UiState& ui) {
  ui.showCard = false;  // the full card is not offered any more: nothing of it left open either
  text("scan.last", std::string(tr(Str::ScanLast)) + ": " + what, theme::kMuted);
  if (session.station().isConfigured())
    text("scan.hint", tr(Str::ScanHint), theme::kMuted);
  else
    notConfigured(ui);
}

// A save: "N. V. An · VÀO 07:02" (the name masked: the keeper saw the person; others reading
// the phone need not). `save`: this card's save while the session knows it (ScanFlow::
// lastCardSave), so its direction and time; null once a later save replaced it.
void lastScanLine(const SaveStatus* save, const ScannedPayload& p, const StationSession& session, UiState& ui) {
  std::string line = maskName(p.person.displayName);
  if (save)
    line += std::string(" · ") +
            (save->undone ? tr(Str::Undone)
                          : std::string(tr(save->direction == Direction::In ? Str::DirIn : Str::DirOut)) + " " +
                                formatLocalTime(save->shownTime()));
  // Turned into the way out by the server's timeline (another gate had the person inside): why.
  if (save && save->corrected && !save->undone)
    line += std::string(" · ") + correctionReason(save->onOtherPhone);
  quietLine(line, session, ui);
}

// A repeat: "N. V. An · Đã quét · VÀO 07:02 · trên máy khác", the entry that stands (nothing
// was saved), and where it was made when that was another phone at this gate.
void lastRepeatLine(const ScanOutcome& out, const StationSession& session, UiState& ui) {
  std::string line = maskName(out.payload->person.displayName) + " · " + tr(Str::ScanRepeat);
  if (out.previous) {
    line += std::string(" · ") + tr(out.previous->direction == Direction::In ? Str::DirIn : Str::DirOut) + " " +
            formatLocalTime(out.previous->at);
    if (out.previousOnOtherPhone) line += std::string(" · ") + tr(Str::OnOtherPhone);
  }
  quietLine(line, session, ui);
}

// The last person, large: what staff check before waving them through.
void lastPerson(StationSession& session, ScanFlow& flow, UiState& ui) {
  const ScanOutcome& out = *ui.lastScan;
  // A poster and a card read while not set up are news for kSaveLineMs too, like every other
  // scan: they stayed until the next scan, and the next morning Scan still offered yesterday's
  // poster, or said "not set up" of a station set up since.
  if (out.kind == ScanOutcome::Kind::Poster) {
    if (scanBandExpired(session, ui)) return quietLine(tr(Str::ScanLastPoster), session, ui);
    const auto* link = out.payload ? std::get_if<PosterLink>(&out.payload->details) : nullptr;
    // Tapping "Gắn máy" starts the band's time again: its outcome is news.
    if (drawPosterOffer(session, link ? link->url : std::string())) ui.lastScanWhen = session.now();
    return;
  }
  if (out.kind == ScanOutcome::Kind::NotConfigured) {
    // Whom the station could not save (masked), while it may matter to take them again; the
    // band goes at once when the station is set up, since what it says is no longer true.
    if (scanBandExpired(session, ui) || session.station().isConfigured()) {
      const std::string who = out.payload ? maskName(out.payload->person.displayName) + " · " : std::string();
      return quietLine(who + tr(Str::ScanLastNotSetUp), session, ui);
    }
    return notConfigured(ui);
  }
  // A refused code: "mã không dùng được · không lưu", no name (nobody was saved).
  if (out.kind == ScanOutcome::Kind::Rejected && scanBandExpired(session, ui))
    return quietLine(tr(Str::ScanLastRefused), session, ui);
  if (out.kind == ScanOutcome::Kind::Rejected) {
    // Not set up, the form cannot save either: one message, and the one way on, to Settings
    // (the refusal in red and "not set up" in orange, each with its own advice, were two, and
    // "Nhập tay" led to a form that said "not set up" again).
    if (!session.station().isConfigured()) {
      banner("scan.rejected", tr(Str::ScanRefusedNotSetUp), theme::kDanger);
      if (button("scan.goSettings", tr(Str::GoToSettings))) ui.screen = Screen::Settings;
      return;
    }
    ErrorKind k = out.error ? out.error->kind : ErrorKind::Unsupported;
    const char* msg = k == ErrorKind::Unsupported ? errorText(ErrorKind::Unsupported)
                      : k == ErrorKind::MangledText ? tr(Str::ScanMangled) : tr(Str::ScanBroken);
    banner("scan.rejected", msg, theme::kDanger);
    if (button("scan.manual", tr(Str::UseManual), ButtonStyle::Secondary)) ui.screen = Screen::Manual;
    return;
  }
  if (out.kind == ScanOutcome::Kind::Duplicate && out.payload) {
    if (scanBandExpired(session, ui)) return lastRepeatLine(out, session, ui);
    repeatedCard(session, flow, ui, out);
    return;
  }
  const SaveStatus& st = session.saveStatus();
  if (!flow.lastCard()) return;
  const ScannedPayload& p = *flow.lastCard();
  // The band speaks of this card only while the save status is its own (no save since).
  const bool own = flow.statusIsLastCard();
  // A while after the save (when its undo goes), or after another save since: a quiet line, not
  // the green band and the name in large type a keeper looking up a minute later took for a
  // new scan.
  const bool saved = st.state == SaveStatus::State::Saved;
  if (!own || (saved && session.now().utcMs - st.at.utcMs > kSaveLineMs))
    return lastScanLine(flow.lastCardSave(), p, session, ui);
  bool in = st.direction == Direction::In;
  // Direction and state as one big coloured band; a check-out is spelled out ("← ĐÃ RA").
  std::string dir = in ? std::string("→ ") + tr(Str::DirIn) : std::string("← ") + tr(Str::CheckedOut);
  std::string head = dir + " · " +
                     (st.state == SaveStatus::State::Saved ? (st.undone ? tr(Str::UndoDone) : tr(Str::Saved))
                      : st.state == SaveStatus::State::Failed ? tr(Str::SaveFailed) : tr(Str::Saving));
  // The server's timeline turned this "in" into the way out (the person was inside through
  // another gate): the band says so, as Today does.
  if (st.corrected && st.state == SaveStatus::State::Saved && !st.undone)
    head += std::string(" · ") + correctionReason(st.onOtherPhone);
  ImU32 col = st.state == SaveStatus::State::Failed ? theme::kDanger : st.undone ? theme::kMuted : in ? theme::kIn : theme::kOut;
  if (own) banner(st.state == SaveStatus::State::Saved && !st.undone ? (in ? "scan.saved" : "scan.savedOut") : "scan.state",
                  head, col);
  text("scan.name", p.person.displayName, theme::kText, fonts().title);
  personLine(p);
  expiredWarning("scan.expired", p, session.now());
  if (own && session.canUndo()) {
    float w = (ImGui::GetContentRegionAvail().x - theme::kGap) / 2;
    if (button("scan.undo", tr(Str::Undo), ButtonStyle::Secondary, w)) {
      session.undoLast();
      flow.forgetRecent();
    }
    ImGui::SameLine();
    if (button("scan.flip", tr(Str::FlipDirection), ButtonStyle::Secondary, w)) flow.flipLast();
  }
  cardButtonAndDetails(session, ui, p);
}

}  // namespace

bool scanBandExpired(const StationSession& session, const UiState& ui) {
  return session.now().utcMs - ui.lastScanWhen.utcMs > kSaveLineMs;
}

bool scanNeedsFrame() { return platform::cameraState() != g_drawnCameraState; }

void drawScan(StationSession& session, ScanFlow& flow, UiState& ui) {
  // Each time Scan opens, the camera starts by itself: a gate keeper back from Today found it
  // dark and had to find "Bật camera" first.
  if (ui.cameraAutoStart && platform::cameraState() == platform::CameraState::Off &&
      ImGui::GetTime() - ui.lastScanAt > 0.5 && !ImGui::IsAnyItemActive()) {
    ui.cameraAutoStart = false;
    platform::cameraStart();
  }
  cameraView();
  cameraControls(ui);
  // A save lost by the journal after the last scan's band moved on (another card since, a
  // repeat, a refused code): said here in red until the next save, or nobody at the gate
  // learns that person was not recorded. The last card's own loss is said in its band.
  const SaveStatus& st = session.saveStatus();
  const bool ownBand = ui.lastScan && ui.lastScan->kind == ScanOutcome::Kind::Saving && flow.statusIsLastCard();
  if (st.lost() && !ownBand)
    banner("scan.lost", std::string(tr(Str::NotSaved)) + " · " + st.displayName + " · " + tr(Str::SaveFailed), theme::kDanger);
  if (ui.lastScan) {
    lastPerson(session, flow, ui);
  } else if (!session.station().isConfigured()) {
    notConfigured(ui);
  } else {
    text("scan.hint", tr(Str::ScanHint), theme::kMuted);
  }
  DaySummary d = session.station().today(session.now());
  char line[160];
  std::snprintf(line, sizeof line, "%s: %d · %s: %d · %s: %d", tr(Str::InsideNow), d.insideNow, tr(Str::InToday),
                d.checkInsToday, tr(Str::OutToday), d.checkOutsToday);
  text("scan.summary", line, theme::kMuted);
}

}  // namespace diemquet::ui
