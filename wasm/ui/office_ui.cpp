// The office (/office): login, then four tabs (weekly report, complaint queue, contact
// tracing, venue registration) over the office API (docs/api.md). Vietnamese first; a switch
// on the login form and in the top bar shows it in English.
#include <imgui.h>

#include "i18n.hpp"
#include "modes.hpp"
#include "office_state.hpp"
#include "platform.hpp"
#include "probe.hpp"
#include "widgets.hpp"
#include "http.hpp"

namespace diemquet::ui {

namespace office {

std::string OfficeState::authHeaders() const {
  return "Authorization: Bearer " + token + "\nContent-Type: application/json";
}

void OfficeState::request(const std::string& method, const std::string& path, const nlohmann::json& body,
                          std::function<void(const Reply&)> done) {
  ++inFlight;
  platform::httpRequest(method, path, method == "GET" ? std::string() : body.dump(), authHeaders(), 20000,
                        [this, done = std::move(done)](const platform::HttpResponse& r) {
                          --inFlight;
                          changed = true;
                          Reply reply;
                          reply.status = r.status;
                          reply.body = nlohmann::json::parse(r.body, nullptr, false);
                          if (r.status >= 400 && reply.body.is_object() && reply.body.contains("error"))
                            reply.errorCode = reply.body["error"].value("code", "");
                          if (r.status == 401 && !token.empty() && reply.errorCode != "invalid_credentials") {
                            token.clear();  // the session ended: back to the login form
                          }
                          done(reply);
                        });
}

const char* failureText(const Reply& r) {
  if (r.status == 0) return tr(Str::OfficeNetworkError);
  if (r.status == 401) return tr(Str::OfficeLoginFailed);
  if (r.status == 429) return tr(Str::OfficeTooMany);
  if (r.status == 400) return tr(Str::OfficeBadInput);
  return tr(Str::OfficeServerError);
}

}  // namespace office

namespace {

using office::OfficeState;
using office::Tab;

constexpr float kTopBar = 64.0f;

class OfficeUi : public ModeUi {
 public:
  void frame(bool online) override {
    setLanguage(m_lang == 1 ? Lang::En : Lang::Vi);
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
    if (!m_state.loggedIn()) {
      loginForm();
    } else {
      tabs();
      switch (m_state.tab) {
        case Tab::Report: office::drawReport(m_state); break;
        case Tab::Violations: office::drawViolations(m_state); break;
        case Tab::Trace: office::drawTrace(m_state); break;
        case Tab::Venues: office::drawVenues(m_state); break;
      }
    }
    ImGui::Dummy(ImVec2(1, theme::kPad * 2));
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::End();
  }

  bool tick() override {
    bool c = m_state.changed;
    m_state.changed = false;
    return c;
  }
  bool animating() const override { return m_state.inFlight > 0; }

 private:
  void topBar(ImVec2 size, bool online) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(size.x, kTopBar), theme::kPrimaryDark);
    ImFont* bold = fonts().bold;
    // Texts stop before the buttons on the right (language, log out).
    const float textRight = size.x - (m_state.loggedIn() ? 190 : 16);
    dl->PushClipRect(ImVec2(0, 0), ImVec2(textRight, kTopBar), true);
    std::string title = tr(Str::OfficeTitle);
    dl->AddText(bold, fontPx(bold), ImVec2(theme::kPad, 8), IM_COL32_WHITE, title.c_str());
    probe::add("text", "office.title", title, theme::kPad, 8, size.x / 2, fontPx(bold));
    std::string sub = m_state.loggedIn() ? m_state.username + " · " + m_state.areaName
                                         : std::string(online ? tr(Str::Online) : tr(Str::Offline));
    ImFont* body = fonts().body;
    dl->AddText(body, fontPx(body), ImVec2(theme::kPad, 36), IM_COL32(219, 234, 254, 255), sub.c_str());
    probe::add("text", "office.who", sub, theme::kPad, 36, textRight - theme::kPad, fontPx(body));
    dl->PopClipRect();
    if (m_state.loggedIn()) {
      ImGui::SetCursorPos(ImVec2(size.x - 182, 8));
      if (button("office.lang", tr(Str::OfficeOtherLanguage), ButtonStyle::Secondary, 58, 48)) {
        m_lang = 1 - m_lang;
        m_state.changed = true;
      }
      ImGui::SetCursorPos(ImVec2(size.x - 118, 8));
      if (button("office.logout", tr(Str::OfficeLogout), ButtonStyle::Secondary, 110, 48)) {
        m_state.request("POST", "/api/v1/office/logout", nlohmann::json::object(), [](const office::Reply&) {});
        m_state.token.clear();
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
                     {"office.tab.venues", Str::OfficeTabVenues, Tab::Venues}};
    float w = (ImGui::GetContentRegionAvail().x - 3 * 6) / 4;
    for (int i = 0; i < 4; ++i) {
      if (i) ImGui::SameLine(0, 6);
      bool on = m_state.tab == all[i].tab;
      if (button(all[i].id, tr(all[i].label), on ? ButtonStyle::Primary : ButtonStyle::Secondary, w, 52))
        m_state.tab = all[i].tab;
    }
    ImGui::Dummy(ImVec2(1, 6));
  }

  void loginForm() {
    if (twoWay("office.login.lang", "Tiếng Việt", "English", m_lang, theme::kPrimary, theme::kPrimary))
      m_state.changed = true;
    ImGui::Dummy(ImVec2(1, 6));
    text("office.login.title", tr(Str::OfficeLogin), theme::kText, fonts().bold);
    textField("office.login.user", tr(Str::OfficeUsername), m_user, platform::InputMode::Text, "", nullptr);
    textField("office.login.password", tr(Str::OfficePassword), m_password, platform::InputMode::Password, "", nullptr);
    ImGui::Dummy(ImVec2(1, 6));
    const bool busy = m_state.inFlight > 0;
    if (button("office.login.submit", busy ? tr(Str::Loading) : tr(Str::OfficeLogin)) && !busy && !m_user.empty()) {
      m_error.clear();
      m_state.request("POST", "/api/v1/office/login", {{"username", m_user}, {"password", m_password}},
                      [this](const office::Reply& r) {
                        m_password.clear();
                        if (r.status != 200 || !r.body.is_object()) {
                          m_error = office::failureText(r);
                          return;
                        }
                        const auto& o = r.body["officer"];
                        m_state.token = r.body.value("token", "");
                        m_state.username = o.value("username", "");
                        m_state.level = o.value("level", "");
                        m_state.areaCode = o["area"].value("code", "");
                        m_state.areaName = o["area"].value("name", "");
                        m_state.tab = Tab::Report;
                      });
    }
    if (!m_error.empty()) banner("office.login.error", m_error, theme::kDanger);
  }

  OfficeState m_state;
  std::string m_user, m_password, m_error;
  int m_lang = 0;  // 0 Tiếng Việt, 1 English (for this tab's session, like the login)
};

}  // namespace

std::unique_ptr<ModeUi> makeOfficeUi() { return std::make_unique<OfficeUi>(); }

}  // namespace diemquet::ui
