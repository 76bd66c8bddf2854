// The visitor page (/v): opened from a venue poster's QR code on the visitor's own phone. It
// verifies the poster offline against the stored key ring, shows the venue and scan point, and
// checks the visitor in or out with a remembered profile and a short health declaration. The
// check-in is kept by the page's own store (visitor::SelfCheckIns: kind visitor, a "self-"
// device) and uploaded with the poster as its credential (POST /api/v1/self-checkins).
#include <imgui.h>

#include <utility>

#include "check_in_json.hpp"
#include "hex.hpp"
#include "i18n.hpp"
#include "modes.hpp"
#include "poster/signed_url.hpp"
#include "probe.hpp"
#include "services.hpp"
#include "text.hpp"
#include "time.hpp"
#include "visitor/self_check_ins.hpp"
#include "visitor_history.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {

using visitor::PosterVerdict;

std::string posterFromPage(const std::string& href) {
  auto hash = href.find("#1.");
  if (hash == std::string::npos) return {};
  return href;
}

const char* verdictText(PosterVerdict v) {
  switch (v) {
    case PosterVerdict::Genuine: return "";
    case PosterVerdict::NoKeyRing:
      return tr(Str::VisitorNoKeyRing);
    case PosterVerdict::Malformed:
      return tr(Str::VisitorMalformed);
    case PosterVerdict::UnknownKey:
      return tr(Str::VisitorUnknownKey);
    case PosterVerdict::Forged:
      return tr(Str::VisitorForged);
    case PosterVerdict::Revoked:
      return tr(Str::VisitorRevoked);
    case PosterVerdict::NotYetValid:
      return tr(Str::VisitorNotYetValid);
    case PosterVerdict::Expired: return tr(Str::VisitorExpired);
  }
  return "";
}

class VisitorUi : public ModeUi {
 public:
  VisitorUi(visitor::SelfCheckIns& store, VisitorClients clients) : m_store(store), m_c(std::move(clients)) {}

  bool tick() override { return std::exchange(m_redraw, false); }

  void frame(bool online) override {
    setLanguage(m_lang == 1 ? Lang::En : Lang::Vi);
    visitor::PosterTrust* trust = &m_store.trust();
    std::string href = m_c.pageUrl ? m_c.pageUrl() : std::string();
    if (href != m_href) {
      m_href = href;
      m_poster = posterFromPage(href);
    }
    if (trust && online) refresh(*trust);
    if (online) m_store.uploadNext();
    tickOwnHistory(online);
    if (trust && !m_loaded && trust->profile()) {
      loadProfile(*trust->profile());
      m_returning = true;
    }
    m_loaded = true;
    settleSubmit();

    ImVec2 size = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(size);
    visitor::PosterCheck check;
    if (trust) check = trust->check(m_poster, poster::localYmd(m_store.now()));
    // A first-time visitor's form is taller than a phone screen: "Khai báo vào/ra" stay pinned
    // in a bar at the bottom while the form scrolls above it. A returning visitor has them at
    // the top of the page instead.
    m_pinned = trust && check.ok() && !m_returning;
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings;
    if (m_pinned) flags |= ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::Begin("visitor", nullptr, flags);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float barH = theme::kTouch + style.ItemSpacing.y + style.WindowPadding.y + 2;
    m_toTop = false;
    if (m_pinned) {
      ImGui::BeginChild("visitor.body", ImVec2(0, -barH), false);
      // After a tap on the bar, the outcome (saved, or what to fix) is at the top of the form.
      if (m_scrollTop) ImGui::SetScrollY(0);
      m_toTop = m_scrollTop;
      m_scrollTop = false;
    }
    header(trust, online);
    if (!trust) {
      ImGui::End();
      return;
    }
    drawExposureAlerts(*trust, m_store.now());
    if (m_poster.empty()) {
      banner("visitor.noPoster", tr(Str::VisitorNoPoster), theme::kMuted);
    } else if (!check.ok()) {
      banner("visitor.refused", verdictText(check.verdict), check.verdict == PosterVerdict::NoKeyRing ? theme::kWarn : theme::kDanger);
      if (check.verdict == PosterVerdict::NoKeyRing && !online)
        text("visitor.offlineHint", tr(Str::VisitorOfflineHint), theme::kMuted);
    } else {
      form(*trust, check);
    }
    ImGui::Dummy(ImVec2(1, theme::kPad));
    drawOwnHistory(*trust);
    // "Báo cáo vi phạm": the report page is its own light page (web/report.html), opened with
    // this venue's code when the poster is genuine; a refused poster is worth reporting too.
    if (!m_poster.empty() && button("visitor.report", tr(Str::VisitorReport), ButtonStyle::Quiet) && m_c.openPage)
      m_c.openPage(check.ok() ? "/bao-cao/" + poster::shortCode(check.ref.venueId, check.ref.pointId) : "/bao-cao");
    twoWay("visitor.lang", "Tiếng Việt", "English", m_lang, theme::kPrimary, theme::kPrimary);
    if (m_pinned) {
      ImGui::EndChild();
      ImVec2 at = ImGui::GetCursorScreenPos();
      const float barTop = at.y - style.ItemSpacing.y * 0.5f;
      probe::add("bar", "bar.bottom", "", 0, barTop, size.x, size.y - barTop);
      ImGui::GetWindowDrawList()->AddLine(ImVec2(0, at.y - style.ItemSpacing.y * 0.5f),
                                          ImVec2(size.x, at.y - style.ItemSpacing.y * 0.5f), IM_COL32(203, 213, 225, 255));
      float half = (ImGui::GetContentRegionAvail().x - theme::kGap) / 2;
      const bool leaving = leavingLikely(check);
      if (button("visitor.checkin", tr(m_submitting ? Str::VisitorSaving : Str::VisitorCheckIn), leaving ? ButtonStyle::Secondary : ButtonStyle::Primary, half))
        submit(*trust, check, Direction::In);
      ImGui::SameLine(0, theme::kGap);
      if (button("visitor.checkout", tr(m_submitting ? Str::VisitorSaving : Str::VisitorCheckOut), leaving ? ButtonStyle::Primary : ButtonStyle::Secondary, half))
        submit(*trust, check, Direction::Out);
    }
    ImGui::End();
  }

 private:
  void header(visitor::PosterTrust* trust, bool online) {
    text("visitor.title", tr(Str::VisitorTitle), theme::kText, fonts().bold);
    text("visitor.net", online ? tr(Str::VisitorOnline) : tr(Str::VisitorOffline),
         online ? theme::kIn : theme::kWarn);
    (void)trust;
  }

  void form(visitor::PosterTrust& trust, const visitor::PosterCheck& check) {
    const visitor::VenueNames* names = trust.venue(check.ref.venueId);
    std::string venue = names && !names->venue.name.empty() ? names->venue.name : check.ref.venueId;
    std::string point = names ? names->pointName(check.ref.pointId) : check.ref.pointId;
    text("visitor.venue", venue, theme::kText, fonts().bold);
    text("visitor.point", std::string(tr(Str::VisitorScanPoint)) + point, theme::kMuted);
    drawStatus(trust);
    // A returning visitor (profile remembered) checks in or out with one tap at the top; the
    // form below (taller than a phone screen) is only for changes.
    if (m_returning) {
      text("visitor.who", m_name + " · " + m_phone, theme::kText);
      drawLastVisit(check);
      actions(trust, check);
    }

    using platform::InputMode;
    auto err = [&](const char* field) -> const char* {
      const Error* e = m_errors.forField(field);
      if (!e) return nullptr;
      if (std::string(field) == "phone" && text::squeezeSpaces(m_phone).empty())
        return tr(Str::VisitorPhoneNeeded);
      if (std::string(field) == "travelPlace") return tr(Str::VisitorTravelNeeded);
      return errorText(e->kind);
    };
    keepInPlace();
    textField("visitor.name", tr(Str::VisitorName), m_name, InputMode::Name, tr(Str::VisitorNamePlaceholder), err("name"));
    textField("visitor.phone", tr(Str::VisitorPhone), m_phone, InputMode::Tel, "0901234567", err("phone"));
    textField("visitor.cccd", tr(Str::VisitorCccd), m_cccd, InputMode::Numeric, "", err("cccd"));

    text("visitor.symptomsTitle", tr(Str::VisitorSymptoms),
         theme::kText, fonts().bold);
    struct Sym { const char* id; Str label; bool* v; } syms[] = {
        {"visitor.sym.fever", Str::VisitorSymFever, &m_decl.fever},
        {"visitor.sym.cough", Str::VisitorSymCough, &m_decl.cough},
        {"visitor.sym.breath", Str::VisitorSymBreath, &m_decl.breath},
        {"visitor.sym.throat", Str::VisitorSymThroat, &m_decl.soreThroat},
        {"visitor.sym.taste", Str::VisitorSymTaste, &m_decl.lossOfTaste}};
    float half = (ImGui::GetContentRegionAvail().x - theme::kGap) / 2;
    for (int i = 0; i < 5; ++i) {
      if (i % 2) ImGui::SameLine();
      std::string label = std::string(*syms[i].v ? "✓ " : "") + tr(syms[i].label);
      if (button(syms[i].id, label.c_str(), *syms[i].v ? ButtonStyle::Danger : ButtonStyle::Secondary, i == 4 ? -1 : half))
        *syms[i].v = !*syms[i].v;
    }
    text("visitor.contactQ", tr(Str::VisitorContactQ), theme::kText);
    int contact = m_decl.contact ? 1 : 0;
    if (twoWay("visitor.contact", tr(Str::VisitorNo), tr(Str::VisitorYes), contact, theme::kIn, theme::kDanger)) m_decl.contact = contact == 1;
    text("visitor.travelQ", tr(Str::VisitorTravelQ), theme::kText);
    int travel = m_decl.travel ? 1 : 0;
    if (twoWay("visitor.travel", tr(Str::VisitorNo), tr(Str::VisitorYes), travel, theme::kIn, theme::kWarn)) m_decl.travel = travel == 1;
    if (m_decl.travel)
      textField("visitor.travelPlace", tr(Str::VisitorFromWhere), m_decl.travelPlace, InputMode::Text, tr(Str::VisitorFromPlaceholder), err("travelPlace"));

    ImGui::Dummy(ImVec2(1, 4));
    if (!m_returning && !m_pinned) actions(trust, check);
    text("visitor.privacy", tr(Str::VisitorPrivacy),
         theme::kMuted);
  }

  // Scroll anchoring, as a browser does it: call at a point of the layout below what a late
  // server answer changes (an exposure alert, the list's "no alerts" line, the venue's names).
  // Once the visitor has scrolled past that point, a change of its place is added to the
  // scroll, so what they were reading stays where it was (it moved down 44 px, and they lost it).
  void keepInPlace() {
    const float y = ImGui::GetCursorPosY();  // in the window's content: independent of its scroll
    const float scroll = ImGui::GetScrollY();
    if (m_anchorY >= 0 && m_anchorPinned == m_pinned && !m_toTop && y != m_anchorY && scroll > m_anchorY) {
      ImGui::SetScrollY(scroll + (y - m_anchorY));
      m_redraw = true;  // the corrected frame at once, not at the next input
    }
    m_anchorY = y;
    m_anchorPinned = m_pinned;
  }

  void actions(visitor::PosterTrust& trust, const visitor::PosterCheck& check) {
    const bool leaving = leavingLikely(check);
    if (button("visitor.checkin", tr(m_submitting ? Str::VisitorSaving : Str::VisitorCheckIn), leaving ? ButtonStyle::Secondary : ButtonStyle::Primary))
      submit(trust, check, Direction::In);
    if (button("visitor.checkout", tr(m_submitting ? Str::VisitorSaving : Str::VisitorCheckOut), leaving ? ButtonStyle::Primary : ButtonStyle::Secondary))
      submit(trust, check, Direction::Out);
  }

  // The visitor checked in here and has not left (by their own records): the filled button is
  // "Khai báo ra". Someone who opens the poster's link again while inside is most likely leaving;
  // with "vào" still filled, a second "in" was one thumb away.
  bool leavingLikely(const visitor::PosterCheck& check) {
    return exposure::insideNow(ownHistory().visits(), check.ref.venueId, m_store.now().utcMs);
  }

  void drawStatus(visitor::PosterTrust& trust) {
    const SaveStatus& st = m_store.saveStatus();
    // How many: the second red field can lie below the screen's edge ("Nơi đã đến" under the
    // questions), and one fixed field then seemed to be refused again for nothing.
    if (const size_t n = m_errors.errors.size()) {
      std::string fix = tr(n == 1 ? Str::VisitorFix : Str::VisitorFixMany);
      if (auto at = fix.find("{n}"); at != std::string::npos) fix.replace(at, 3, std::to_string(n));
      banner("visitor.fix", fix, theme::kDanger);
    }
    if (st.state == SaveStatus::State::Saving) banner("visitor.saving", tr(Str::VisitorSaving), theme::kWarn);
    if (st.state == SaveStatus::State::Failed) banner("visitor.failed", tr(Str::VisitorSaveFailed), theme::kDanger);
    if (st.state == SaveStatus::State::Saved && m_lastSeq == st.seq) {
      std::string line = std::string(st.direction == Direction::In ? tr(Str::VisitorSavedIn)
                                                                   : tr(Str::VisitorSavedOut)) +
                         formatLocalTime(st.at);
      banner("visitor.saved", line, st.direction == Direction::In ? theme::kIn : theme::kOut);
    }
    (void)trust;
    int pending = m_store.pendingCount();
    if (pending)
      text("visitor.pending", std::string(tr(Str::VisitorPending)) + std::to_string(pending), theme::kWarn);
  }

  // Reopened from the poster (a new tab from the camera at the exit), the page said nothing of
  // this morning's check-in, and "Khai báo vào" was tapped again: the last check-in here today,
  // from the phone's own history, until this visit has its own outcome above.
  void drawLastVisit(const visitor::PosterCheck& check) {
    if (m_lastSeq >= 0) return;
    const auto& visits = ownHistory().visits();
    if (visits.empty()) return;
    const exposure::OwnVisit& v = visits.back();
    if (v.venueId != check.ref.venueId || localDayOf(v.at).startUtcMs != localDayOf(m_store.now()).startUtcMs) return;
    std::string line =
        std::string(tr(v.direction == Direction::In ? Str::VisitorSavedIn : Str::VisitorSavedOut)) + formatLocalTime(v.at);
    if (!v.pointName.empty()) line += " · " + v.pointName;
    text("visitor.last", line, v.direction == Direction::In ? theme::kIn : theme::kOut);
  }

  // Name, phone and ID are remembered; the health declaration never is: it is about today and
  // starts blank every time (last time's symptoms were found pre-selected).
  void loadProfile(const visitor::VisitorProfile& p) {
    m_name = p.name;
    m_phone = p.phone;
    m_cccd = p.cccd;
    m_decl = {};
  }

  // A submit in flight ends when its save does: then a new declaration begins (blank, new key).
  void settleSubmit() {
    if (!m_submitting || m_lastSeq < 0) return;
    const SaveStatus& st = m_store.saveStatus();
    if (st.seq != m_lastSeq || st.state == SaveStatus::State::Saving) return;
    m_submitting = false;
    if (st.state == SaveStatus::State::Saved) {
      m_decl = {};
      m_declKey.clear();
      // Saved: it joins the phone's own history ("Lịch sử của tôi", exposure matching), once:
      // a second tap the store took for the same check-in (a double tap) answers with the seq
      // already saved, and was listed twice in the history beside one check-in stored.
      if (st.seq != m_notedSeq) noteOwnVisit(m_store.trust(), m_poster, st.direction, st.at);
      m_notedSeq = st.seq;
    }
  }

  // One submit at a time: a second tap while the first is saving does nothing (two quick taps
  // stored two check-ins), and the declaration's idempotency key lets the server store it once
  // even if it does come twice.
  void submit(visitor::PosterTrust& trust, const visitor::PosterCheck& check, Direction dir) {
    if (m_submitting) return;
    visitor::VisitorProfile typed{m_name, m_phone, m_cccd, m_decl};
    m_scrollTop = true;
    auto valid = visitor::validateProfile(typed, &m_errors);
    if (!valid) return;
    platform::textFieldBlur();
    std::string poster = m_poster;
    visitor::VisitorProfile profile = valid.value();
    visitor::VisitorProfile remembered = profile;
    remembered.declaration = {};
    if (!(trust.profile() && *trust.profile() == remembered)) trust.storeProfile(remembered);
    if (m_declKey.empty()) m_declKey = newKey();
    m_lastSeq = m_store.submit(profile, check, poster, dir, m_declKey);
    m_submitting = m_lastSeq > 0;
    if (m_submitting) services().feedbackSaved();
  }

  static std::string newKey() {
    unsigned char r[12];
    randomBytes(r, sizeof r);
    return toHex(r, sizeof r);
  }

  // The key ring (client::KeyRingClient's policy, the station's too) and the poster venue's names.
  void refresh(visitor::PosterTrust& /*trust*/) {
    if (!m_c.keys) return;
    m_c.keys->tick(true);
    if (auto ref = poster::parsePosterUrl(m_poster)) m_c.keys->fetchVenueNames(ref->venueId, true);
  }

  visitor::SelfCheckIns& m_store;
  VisitorClients m_c;
  std::string m_href, m_poster;
  std::string m_name, m_phone, m_cccd;
  visitor::HealthDeclaration m_decl;
  FieldErrors m_errors;
  int m_lang = 0;
  bool m_loaded = false;
  bool m_returning = false;  // a remembered profile was loaded at start: actions go first
  bool m_pinned = false;     // this frame: the actions are in the bar at the bottom
  bool m_scrollTop = false;  // show the top of the form at the next frame
  bool m_toTop = false;      // this frame shows the top of the form
  float m_anchorY = -1;      // keepInPlace(): where its point was in the last frame
  bool m_anchorPinned = false;
  bool m_redraw = false;      // a frame must follow at once
  bool m_submitting = false;  // a check-in is being saved: further taps wait for it
  std::string m_declKey;      // this declaration's idempotency key, made at its first submit
  int64_t m_lastSeq = -1;
  int64_t m_notedSeq = -1;  // the last saved check-in added to the phone's own history
};

}  // namespace

std::unique_ptr<ModeUi> makeVisitorUi(visitor::SelfCheckIns& store, VisitorClients clients) {
  return std::make_unique<VisitorUi>(store, std::move(clients));
}

}  // namespace diemquet::ui
