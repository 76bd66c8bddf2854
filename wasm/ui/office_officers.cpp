// Office: the officers of the areas under the signed-in officer's own (GET/POST
// /api/v1/office/officers): the list, a form to add one (username + area picker limited to the
// officer's area), and per officer "Đặt lại mật khẩu" and "Khóa"/"Mở khóa". A new or reset
// password is shown once, here, for the officer to hand over; the server audits every change.
#include <imgui.h>

#include <optional>
#include <utility>

#include "area_picker.hpp"
#include "i18n.hpp"
#include "office_state.hpp"
#include "widgets.hpp"

namespace diemquet::ui::office {

namespace {

struct OfficersScreen {
  std::vector<client::OfficerEntry> rows;
  bool loading = false;
  // Messages as keys, worded when drawn (they follow a language switch).
  std::optional<Str> listError;
  // Adding one
  std::string username;
  AreaPicker area{""};  // any level inside the officer's area
  // Each error beside the field it is about, until that field changes (a banner above the form
  // said "Chọn địa bàn" after the area was chosen, and "already taken" after the next action).
  // Kept as keys, translated when drawn: they follow a language switch.
  std::optional<Str> usernameError, areaError;
  std::optional<Str> formError;  // a failure about no field (the network, the server)
  bool busy = false;
  // An action waiting for its second tap: "reset:<user>" or "disable:<user>" / "enable:<user>".
  std::string armed;
  // The password to hand over (shown once; cleared by "Xong" or on leaving the screen).
  std::string shownUser, shownPassword;
  bool shownIsNew = false, reveal = false;
} g_o;

bool validUsername(const std::string& u) {
  if (u.size() < 3 || u.size() > 64) return false;
  for (char c : u)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

void load(OfficeState& s) {
  g_o.loading = true;
  s.client.officers([&s](const client::OfficeResult<std::vector<client::OfficerEntry>>& r) {
    g_o.loading = false;
    if (!r.ok()) {
      g_o.listError = failureKey(r);
      return;
    }
    g_o.listError.reset();
    g_o.rows = r.value;
    s.loadedAtMs = s.nowMs;
  });
}

void showPassword(const std::string& user, const std::string& password, bool isNew) {
  g_o.shownUser = user;
  g_o.shownPassword = password;
  g_o.shownIsNew = isNew;
  g_o.reveal = true;
}

void act(OfficeState& s, const std::string& user, const std::string& what) {
  g_o.busy = true;
  g_o.formError.reset();
  s.client.officerAction(user, what, [&s, user, what](const client::OfficeResult<client::IssuedPassword>& r) {
    g_o.busy = false;
    if (!r.ok()) {
      g_o.formError = failureKey(r);
      return;
    }
    if (what == "reset-password") showPassword(user, r.value.password, false);
    load(s);
  });
}

void create(OfficeState& s) {
  g_o.usernameError = validUsername(g_o.username) ? std::nullopt : std::optional<Str>(Str::OfficeUsernameRule);
  g_o.areaError = g_o.area.code.empty() ? std::optional<Str>(Str::OfficeChooseArea) : std::nullopt;
  g_o.formError.reset();
  if (g_o.usernameError || g_o.areaError) return;
  g_o.busy = true;
  s.client.createOfficer(g_o.username, g_o.area.code, [&s](const client::OfficeResult<client::IssuedPassword>& r) {
    g_o.busy = false;
    if (!r.ok()) {
      if (r.errorCode == "username_taken" || r.errorCode == "bad_username")
        g_o.usernameError = r.errorCode == "username_taken" ? Str::OfficeUsernameTaken : Str::OfficeUsernameRule;
      else if (r.errorCode == "outside_area") {
        g_o.area.clear();  // searched again, the reason under the field
        g_o.areaError = Str::OfficeOutsideArea;
      } else
        g_o.formError = failureKey(r);
      return;
    }
    showPassword(r.value.username, r.value.password, true);
    g_o.username.clear();
    g_o.area.clear();
    load(s);
  });
}

// One officer: who, where, state, and the two actions (each asks for a second tap).
void officerCard(OfficeState& s, size_t i, const client::OfficerEntry& o) {
  const std::string id = "office.officers." + std::to_string(i);
  ImGui::Dummy(ImVec2(1, 4));
  text((id + ".name").c_str(), o.username, theme::kText, fonts().bold);
  text((id + ".area").c_str(), o.areaLabel, theme::kMuted);
  text((id + ".state").c_str(), tr(o.disabled ? Str::OfficeOfficerDisabled : Str::OfficeOfficerActive),
       o.disabled ? theme::kDanger : theme::kIn);
  const std::string toggle = o.disabled ? "enable" : "disable";
  const bool resetArmed = g_o.armed == "reset-password:" + o.username,
             toggleArmed = g_o.armed == toggle + ":" + o.username;
  float half = (ImGui::GetContentRegionAvail().x - 6) / 2;
  if (button((id + ".reset").c_str(), resetArmed ? tr(Str::OfficeOfficerConfirm) : tr(Str::OfficeOfficerReset),
             resetArmed ? ButtonStyle::Danger : ButtonStyle::Secondary, half, 52, true) &&
      !g_o.busy) {
    if (resetArmed) {
      g_o.armed.clear();
      act(s, o.username, "reset-password");
    } else {
      g_o.armed = "reset-password:" + o.username;
      s.changed = true;  // draw the "tap again" label now, not at the next input
    }
  }
  ImGui::SameLine(0, 6);
  const char* toggleLabel = toggleArmed ? tr(Str::OfficeOfficerConfirm)
                                        : tr(o.disabled ? Str::OfficeOfficerEnable : Str::OfficeOfficerDisable);
  if (button((id + ".toggle").c_str(), toggleLabel, toggleArmed ? ButtonStyle::Danger : ButtonStyle::Secondary, half,
             52, true) &&
      !g_o.busy) {
    if (toggleArmed) {
      g_o.armed.clear();
      act(s, o.username, toggle);
    } else {
      g_o.armed = toggle + ":" + o.username;
      s.changed = true;
    }
  }
}

}  // namespace

void drawOfficers(OfficeState& s) {
  if (g_o.area.within != s.areaCode) {  // another officer signed in: nothing of the last one's stays
    g_o = OfficersScreen{};
    g_o.area.within = s.areaCode;
  }
  if (s.refreshDue) {
    s.refreshDue = false;
    load(s);
  }
  // The password to hand over comes first, where the officer is looking.
  if (!g_o.shownPassword.empty()) {
    // Scrolled to once, from the notice above it: the notice and the password both in view.
    if (std::exchange(g_o.reveal, false)) ImGui::SetScrollHereY(0.0f);
    banner("office.officers.once", tr(Str::OfficeOfficerPasswordOnce), theme::kOut);
    text("office.officers.shown.user",
         std::string(tr(g_o.shownIsNew ? Str::OfficeOfficerCreated : Str::OfficeOfficerNewPassword)) + ": " +
             g_o.shownUser,
         theme::kText, fonts().bold);
    text("office.officers.shown.password", g_o.shownPassword, theme::kText, fonts().title);
    if (button("office.officers.shown.done", tr(Str::OfficeOfficerDone), ButtonStyle::Secondary)) {
      g_o.shownPassword.clear();
      g_o.shownUser.clear();
    }
    ImGui::Dummy(ImVec2(1, 8));
  }
  if (g_o.formError) banner("office.officers.error", tr(*g_o.formError), theme::kDanger);

  text("office.officers.add.title", tr(Str::OfficeOfficerAdd), theme::kText, fonts().bold);
  if (textField("office.officers.username", tr(Str::OfficeUsername), g_o.username, platform::InputMode::Text,
                "phuong.bennghe", trIf(g_o.usernameError)))
    g_o.usernameError.reset();
  if (areaPicker("office.officers.area", tr(Str::OfficeOfficerArea), g_o.area, areaFetch(s), trIf(g_o.areaError)))
    g_o.areaError.reset();
  ImGui::Dummy(ImVec2(1, 4));
  if (button("office.officers.create", g_o.busy ? tr(Str::Loading) : tr(Str::OfficeOfficerCreate)) && !g_o.busy)
    create(s);

  ImGui::Dummy(ImVec2(1, 10));
  text("office.officers.title", tr(Str::OfficeOfficersTitle), theme::kText, fonts().bold);
  if (freshnessRow(s, "office.officers", g_o.loading)) load(s);
  if (g_o.listError) banner("office.officers.list.error", tr(*g_o.listError), theme::kDanger);
  if (!g_o.loading && !g_o.listError && g_o.rows.empty() && s.loadedAtMs != 0)
    text("office.officers.none", tr(Str::OfficeOfficersNone), theme::kMuted);
  for (size_t i = 0; i < g_o.rows.size(); ++i) officerCard(s, i, g_o.rows[i]);
}

}  // namespace diemquet::ui::office
