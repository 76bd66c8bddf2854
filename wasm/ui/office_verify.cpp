// Office: venues that registered themselves in the officer's area, awaiting review (GET
// /api/v1/office/self-registrations), above the venue form. Each shows what the owner gave,
// a warning when another venue of the commune has the same name or street address, and
// "Xác nhận" / "Từ chối" (a rejection needs a reason; the server audits both).
#include <imgui.h>

#include <optional>

#include "i18n.hpp"
#include "office_state.hpp"
#include "widgets.hpp"

namespace diemquet::ui::office {

namespace {

struct VerifyScreen {
  std::string area;  // whose list this is
  std::vector<client::PendingVenue> venues;
  bool loading = false, busy = false;
  // Messages as keys, worded when drawn (they follow a language switch).
  std::optional<Str> error, done;
  std::string rejecting;  // the venue whose rejection reason is being typed
  std::string reason;
  std::optional<Str> reasonError;
} g_v;

void load(OfficeState& s) {
  g_v.loading = true;
  s.client.selfRegistrations([](const client::OfficeResult<std::vector<client::PendingVenue>>& r) {
    g_v.loading = false;
    if (!r.ok()) {
      g_v.error = failureKey(r);
      return;
    }
    g_v.venues = r.value;
  });
}

void decide(OfficeState& s, const std::string& id, bool confirm) {
  g_v.busy = true;
  g_v.error.reset();
  s.client.verifyVenue(id, confirm, g_v.reason, [&s, confirm](const Reply& r) {
    g_v.busy = false;
    if (!r.ok()) {
      g_v.error = failureKey(r);
      return;
    }
    g_v.done = confirm ? Str::OfficeVerifyConfirmed : Str::OfficeVerifyRejected;
    g_v.rejecting.clear();
    g_v.reason.clear();
    load(s);
  });
}

void card(OfficeState& s, size_t i, const client::PendingVenue& p) {
  const std::string id = "office.verify." + std::to_string(i);
  ImGui::Dummy(ImVec2(1, 4));
  text((id + ".name").c_str(), p.name, theme::kText, fonts().bold);
  text((id + ".where").c_str(), p.address + ", " + p.wardLabel, theme::kMuted);
  text((id + ".phone").c_str(), std::string(tr(Str::OfficePhone)) + ": " + p.phone + " · " + dayTimeLabel(p.registered),
       theme::kMuted);
  if (!p.sameAs.empty()) {
    std::string list;
    for (const auto& x : p.sameAs) list += (list.empty() ? "" : ", ") + x;
    banner((id + ".same").c_str(), std::string(tr(Str::OfficeVerifySameAs)) + " " + list, theme::kWarn);
  }
  if (g_v.rejecting == p.id) {
    textField((id + ".reason").c_str(), tr(Str::OfficeVerifyReason), g_v.reason, platform::InputMode::Text, "",
              trIf(g_v.reasonError));
  }
  float half = (ImGui::GetContentRegionAvail().x - 6) / 2;
  if (button((id + ".confirm").c_str(), tr(Str::OfficeVerifyConfirm), ButtonStyle::Primary, half, 52, true) &&
      !g_v.busy)
    decide(s, p.id, true);
  ImGui::SameLine(0, 6);
  if (button((id + ".reject").c_str(), tr(Str::OfficeVerifyReject), ButtonStyle::Danger, half, 52, true) && !g_v.busy) {
    if (g_v.rejecting != p.id) {
      g_v.rejecting = p.id;  // the reason first, then a second tap
      g_v.reason.clear();
      g_v.reasonError.reset();
      s.changed = true;  // the reason field appears now
    } else if (g_v.reason.size() < 3) {
      g_v.reasonError = Str::OfficeVerifyReasonRequired;
    } else {
      g_v.reasonError.reset();
      decide(s, p.id, false);
    }
  }
}

}  // namespace

void drawSelfRegistered(OfficeState& s) {
  if (g_v.area != s.areaCode + "/" + s.username) {  // another officer: nothing of the last one's stays
    g_v = VerifyScreen{};
    g_v.area = s.areaCode + "/" + s.username;
    load(s);
  } else if (s.refreshDue && !g_v.loading) {
    s.refreshDue = false;  // the venue form below loads nothing of its own
    load(s);
  }
  if (g_v.done) banner("office.verify.done", tr(*g_v.done), theme::kIn);
  if (g_v.error) banner("office.verify.error", tr(*g_v.error), theme::kDanger);
  if (g_v.venues.empty()) return;
  text("office.verify.title", std::string(tr(Str::OfficeVerifyTitle)) + " (" + std::to_string(g_v.venues.size()) + ")",
       theme::kText, fonts().bold);
  for (size_t i = 0; i < g_v.venues.size(); ++i) card(s, i, g_v.venues[i]);
  ImGui::Dummy(ImVec2(1, 12));
}

}  // namespace diemquet::ui::office
