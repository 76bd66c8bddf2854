// The office (/office): login, then four tabs (weekly report, complaint queue, contact
// tracing, venue registration; above the commune level a fifth, officers) over the office API
// (docs/api.md). Vietnamese first; a switch on the login form and in the top bar shows it in English.
#include <imgui.h>

#include "glyph_fallback.hpp"
#include "i18n.hpp"
#include "modes.hpp"
#include "office_state.hpp"
#include "probe.hpp"
#include "services.hpp"
#include "time.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <optional>

namespace diemquet::ui {

namespace office {

std::string dayLabel(const std::string& iso, bool withYear) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + (withYear ? "/" + iso.substr(0, 4) : "");
}

std::string dayTimeLabel(const std::string& iso) {
  if (iso.size() < 11 || iso[10] != ' ') return iso;
  return dayLabel(iso.substr(0, 10)) + iso.substr(10);
}

std::string spanLabel(const std::string& from, bool fromEstimated, const std::string& until, bool untilEstimated) {
  const bool sameDay = from.size() > 11 && until.size() > 11 && from.compare(0, 11, until, 0, 11) == 0;
  return dayTimeLabel(from) + (fromEstimated ? " (~)" : "") + " – " +
         (sameDay ? until.substr(11) : dayTimeLabel(until)) + (untilEstimated ? " (~)" : "");
}

bool freshnessRow(OfficeState& s, const char* id, bool loading) {
  std::string when = s.loadedAtMs == 0 ? std::string(tr(Str::Loading))
                                       : std::string(tr(Str::OfficeUpdatedAt)) + " " +
                                             formatLocalTime(Instant{s.loadedAtMs, s.offsetMinutes});
  float w = ImGui::GetContentRegionAvail().x, bw = std::min(150.0f, w * 0.42f);
  float y = ImGui::GetCursorPosY();
  ImGui::SetCursorPosY(y + 12);
  text((std::string(id) + ".updated").c_str(), when, theme::kMuted);
  ImGui::SameLine(w - bw + theme::kPad);
  ImGui::SetCursorPosY(y);
  bool tapped = button((std::string(id) + ".refresh").c_str(), loading ? tr(Str::Loading) : tr(Str::OfficeRefresh),
                       ButtonStyle::Secondary, bw, 44);
  return tapped && !loading;
}

Str failureKey(client::OfficeError e) {
  using client::OfficeError;
  switch (e) {
    case OfficeError::Offline:
      return Str::OfficeNetworkError;
    case OfficeError::SessionEnded:
    case OfficeError::BadCredentials:
      return Str::OfficeLoginFailed;
    case OfficeError::TooMany:
      return Str::OfficeTooMany;
    case OfficeError::BadInput:
      return Str::OfficeBadInput;
    default:
      return Str::OfficeServerError;
  }
}

Str failureKey(const Reply& r) {
  return failureKey(r.error);
}

}  // namespace office

namespace {

using office::OfficeState;
using office::Tab;

constexpr float kTopBar = 64.0f;

// The language survives a reload (localStorage); the session token is the client's (office_state.hpp).
constexpr const char* kLangKey = "dq.office.lang";

class OfficeUi : public ModeUi {
 public:
  OfficeUi(client::OfficeClient& office, client::KeyValueStore& prefs) : m_state(office), m_prefs(prefs) {
    m_lang = m_prefs.get(kLangKey) == "en" ? 1 : 0;
    // A reload keeps the session: the token is asked back for the officer it belongs to.
    // Unreachable: stay logged in, the screens say the network failed and retry. Ended (idle
    // timeout, logged out elsewhere): back to the login form.
    office.restore([this](bool) { m_state.changed = true; });
  }

  void frame(bool online) override {
    setLanguage(m_lang == 1 ? Lang::En : Lang::Vi);
    const Instant clock = services().now();
    m_state.nowMs = clock.utcMs;
    m_state.offsetMinutes = clock.offsetMinutes;
    const client::Officer& who = m_state.client.officer();
    m_state.username = who.username;
    m_state.level = who.level;
    m_state.areaCode = who.areaCode;
    m_state.areaName = who.areaName;
    const bool restoring = m_state.client.restoring();
    if (m_state.loggedIn() && !restoring) {
      int64_t now = clock.utcMs;
      if (m_state.tab != m_shownTab || m_state.sessionKey() != m_shownSession) {
        m_shownTab = m_state.tab;
        m_shownSession = m_state.sessionKey();
        m_state.refreshDue = true;  // entering a screen shows it as the server has it now
        m_state.loadedAtMs = 0;
      } else if (m_state.loadedAtMs != 0 && now - m_state.loadedAtMs > office::OfficeState::kRefreshMs &&
                 m_state.client.inFlight() == 0) {
        m_state.refreshDue = true;
      }
    }
    if (!m_state.loggedIn()) m_shownSession.clear();
    ImVec2 size = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("office", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    topBar(size, online);
    ImGui::SetCursorPos(ImVec2(0, kTopBar));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme::kPad, theme::kPad));
    ImGui::BeginChild("office.body", ImVec2(size.x, size.y - kTopBar), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    if (restoring) {
      text("office.restoring", tr(Str::Loading), theme::kMuted);
    } else if (!m_state.loggedIn()) {
      loginForm();
    } else {
      tabs();
      switch (m_state.tab) {
        case Tab::Report: office::drawReport(m_state); break;
        case Tab::Violations: office::drawViolations(m_state); break;
        case Tab::Trace: office::drawTrace(m_state); break;
        case Tab::Venues:
          office::drawVenuePosters(m_state);
          office::drawSelfRegistered(m_state);
          office::drawVenues(m_state);
          break;
        case Tab::Officers: office::drawOfficers(m_state); break;
      }
      // A commune officer has no officers tab (no area under them): the foot of every screen
      // says who manages their accounts, where an officer looking for it scrolls to.
      if (m_state.level == "ward") {
        ImGui::Dummy(ImVec2(1, theme::kPad));
        text("office.askAbove", tr(Str::OfficeAskAbove), theme::kMuted);
      }
    }
    ImGui::Dummy(ImVec2(1, theme::kPad * 2));
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::End();
  }

  bool tick() override {
    bool c = m_state.changed || m_state.client.answers() != m_answersSeen;
    m_answersSeen = m_state.client.answers();
    m_state.changed = false;
    return c;
  }
  bool animating() const override { return m_state.client.inFlight() > 0; }

 private:
  void topBar(ImVec2 size, bool online) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(size.x, kTopBar), theme::kPrimaryDark);
    probe::add("bar", "bar.top", "", 0, 0, size.x, kTopBar);
    ImFont* bold = fonts().bold;
    // Texts stop before the buttons on the right (language, log out).
    const float textRight = size.x - (m_state.loggedIn() ? 190 : 16);
    // Logged in, the two lines are who and where ("Phường Bến Nghé" was cut at 360 px behind
    // "officer · "); each is drawn smaller if it must, never cut.
    const float room = textRight - theme::kPad;
    auto fitted = [&](const char* id, ImFont* f, float y, ImU32 col, const std::string& text) {
      const std::string s = drawable(f, text);  // an area or user name from the server
      float px = fontPx(f), wide = f->CalcTextSizeA(px, FLT_MAX, 0, s.c_str()).x;
      if (wide > room) px = std::max(11.0f, px * room / wide);
      ImVec2 ts = f->CalcTextSizeA(px, FLT_MAX, 0, s.c_str());
      dl->PushClipRect(ImVec2(0, 0), ImVec2(textRight, kTopBar), true);
      dl->AddText(f, px, ImVec2(theme::kPad, y), col, s.c_str());
      dl->PopClipRect();
      probe::add("text", id, s, theme::kPad, y, ts.x, ts.y);
    };
    ImFont* body = fonts().body;
    if (m_state.loggedIn()) {
      fitted("office.title", bold, 8, IM_COL32_WHITE, m_state.areaName.empty() ? tr(Str::OfficeTitle) : m_state.areaName);
      fitted("office.who", body, 36, IM_COL32(219, 234, 254, 255), m_state.username);
    } else {
      fitted("office.title", bold, 8, IM_COL32_WHITE, tr(Str::OfficeTitle));
      fitted("office.who", body, 36, IM_COL32(219, 234, 254, 255), online ? tr(Str::Online) : tr(Str::Offline));
    }
    if (m_state.loggedIn()) {
      ImGui::SetCursorPos(ImVec2(size.x - 182, 8));
      if (button("office.lang", tr(Str::OfficeOtherLanguage), ButtonStyle::Secondary, 58, 48)) {
        m_lang = 1 - m_lang;
        m_prefs.set(kLangKey, m_lang == 1 ? "en" : "vi");
        m_state.changed = true;
      }
      ImGui::SetCursorPos(ImVec2(size.x - 118, 8));
      if (button("office.logout", tr(Str::OfficeLogout), ButtonStyle::Secondary, 110, 48)) {
        m_state.client.logout();
        m_password.clear();
      }
    }
  }

  void tabs() {
    struct T {
      const char* id;
      Str label;
      Tab tab;
    } const all[] = {{"office.tab.report", Str::OfficeTabReport, Tab::Report},
                     {"office.tab.violations", Str::OfficeTabViolations, Tab::Violations},
                     {"office.tab.trace", Str::OfficeTabTrace, Tab::Trace},
                     {"office.tab.venues", Str::OfficeTabVenues, Tab::Venues},
                     {"office.tab.officers", Str::OfficeTabOfficers, Tab::Officers}};
    // A commune officer has no areas under them, so no officers to manage: no fifth tab.
    const int n = m_state.level == "ward" ? 4 : 5;
    const float gap = n == 4 ? 6 : 4;
    float w = (ImGui::GetContentRegionAvail().x - (n - 1) * gap) / n;
    for (int i = 0; i < n; ++i) {
      if (i) ImGui::SameLine(0, gap);
      bool on = m_state.tab == all[i].tab;
      // One line each, drawn smaller if it must ("Phản ánh" wrapped at 360 px).
      if (button(all[i].id, tr(all[i].label), on ? ButtonStyle::Primary : ButtonStyle::Secondary, w, 52, true))
        m_state.tab = all[i].tab;
    }
    ImGui::Dummy(ImVec2(1, 6));
  }

  void loginForm() {
    if (twoWay("office.login.lang", "Tiếng Việt", "English", m_lang, theme::kPrimary, theme::kPrimary)) {
      m_prefs.set(kLangKey, m_lang == 1 ? "en" : "vi");
      m_state.changed = true;
    }
    ImGui::Dummy(ImVec2(1, 6));
    text("office.login.title", tr(Str::OfficeLogin), theme::kText, fonts().bold);
    textField("office.login.user", tr(Str::OfficeUsername), m_user, platform::InputMode::Text, "", nullptr);
    textField("office.login.password", tr(Str::OfficePassword), m_password, platform::InputMode::Password, "", nullptr);
    ImGui::Dummy(ImVec2(1, 6));
    const bool busy = m_state.client.inFlight() > 0;
    if (button("office.login.submit", busy ? tr(Str::Loading) : tr(Str::OfficeLogin)) && !busy && !m_user.empty()) {
      m_error.reset();
      m_state.client.login(m_user, m_password, [this](const office::Reply& r) {
        m_password.clear();
        if (!r.ok()) {
          m_error = office::failureKey(r);
          return;
        }
        m_state.tab = Tab::Report;
      });
    }
    if (m_error) banner("office.login.error", tr(*m_error), theme::kDanger);
  }

  OfficeState m_state;
  client::KeyValueStore& m_prefs;
  std::string m_user, m_password;
  std::optional<Str> m_error;  // worded when drawn: it follows the switch on the login form
  int m_lang = 0;  // 0 Tiếng Việt, 1 English (kept in localStorage)
  Tab m_shownTab = Tab::Report;
  std::string m_shownSession;  // the session the shown screen was loaded for
  uint64_t m_answersSeen = 0;
};

}  // namespace

std::unique_ptr<ModeUi> makeOfficeUi(client::OfficeClient& office, client::KeyValueStore& prefs) {
  return std::make_unique<OfficeUi>(office, prefs);
}

}  // namespace diemquet::ui
