// Today at this venue: people inside now, check-ins and check-outs today, the last 20 entries.
#include <imgui.h>

#include "glyph_fallback.hpp"
#include "i18n.hpp"
#include "masking.hpp"
#include "probe.hpp"
#include "screen_sync.hpp"
#include "station_ui.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {

void entryRow(const CheckIn& c, int index, bool corrected, bool onOtherPhone) {
  float w = ImGui::GetContentRegionAvail().x;
  std::string id = "today.entry." + std::to_string(index);
  ImGui::PushID(id.c_str());
  ImGui::InvisibleButton("##r", ImVec2(w, 58));
  ImGui::PopID();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, theme::kCard, 8);
  ImFont* body = fonts().body;
  ImFont* bold = fonts().bold;
  std::string time = formatLocalTime(c.at);
  dl->AddText(bold, fontPx(body), ImVec2(a.x + 10, a.y + 8), theme::kText, time.c_str());
  bool in = c.direction == Direction::In;
  const char* dir = tr(in ? Str::DirIn : Str::DirOut);
  ImVec2 tagA(a.x + 10, a.y + 32), tagB(a.x + 58, a.y + 52);
  dl->AddRectFilled(tagA, tagB, c.voided ? theme::kOffline : (in ? theme::kIn : theme::kOut), 6);
  ImVec2 ds = bold->CalcTextSizeA(fontPx(body) * 0.8f, FLT_MAX, 0, dir);
  dl->AddText(bold, fontPx(body) * 0.8f, ImVec2((tagA.x + tagB.x - ds.x) * 0.5f, tagA.y + 1), IM_COL32_WHITE, dir);
  float x = a.x + 72;
  dl->PushClipRect(ImVec2(x, a.y), ImVec2(b.x - 8, b.y), true);
  // The name as typed or scanned: what the face lacks (an emoji) is boxed, never drawn as "?";
  // one too long for the row ends in "…" rather than mid-letter at the row's edge.
  std::string name = fitText(bold, fontPx(body), "", c.person.displayName, "", b.x - 8 - x, fontPx(body));
  if (name.empty()) name = drawable(bold, c.person.displayName);
  dl->AddText(bold, fontPx(body), ImVec2(x, a.y + 8), c.voided ? theme::kMuted : theme::kText, name.c_str());
  // Only the last 4 digits of an ID: enough to tell people apart at a glance.
  std::string sub = c.person.key.empty() ? "" : maskId(c.person.key);
  if (c.voided) sub += std::string("  (") + tr(Str::Undone) + ")";
  // Typed or scanned as "VÀO" here, turned into "RA" after a sync: the row says why, or staff
  // who recorded people coming in find them listed as going out.
  else if (corrected)
    sub += (sub.empty() ? "" : " · ") + std::string(correctionReason(onOtherPhone));
  sub = drawable(body, sub);
  dl->AddText(body, fontPx(body) * 0.9f, ImVec2(x, a.y + 33), theme::kMuted, sub.c_str());
  dl->PopClipRect();
  if (c.voided) dl->AddLine(ImVec2(x, a.y + 19), ImVec2(b.x - 12, a.y + 19), theme::kMuted, 1.5f);
  probe::add("entry", id, time + " " + dir + " " + name + " " + sub, a.x, a.y, b.x - a.x, b.y - a.y);
}

// Below "Nhập tay", with the sync lines (never between the counts and that button, which would
// move under a finger when the line comes): how many of "Đang ở trong" came in on the gate's
// other phones, and offline since when the server has not said.
void insideElsewhere(const StationSession& session, const DaySummary& d) {
  if (d.insideViaOtherPhones <= 0) return;
  std::string line = tr(Str::InsideViaOtherPhones);
  line.replace(line.find("{n}"), 3, std::to_string(d.insideViaOtherPhones));
  if (d.serverAsOfMs > 0 && !serverReachedNow(session)) {
    std::string asOf = tr(Str::PresenceAsOf);
    asOf.replace(asOf.find("{t}"), 3, formatLocalTime(Instant{d.serverAsOfMs, session.now().offsetMinutes}));
    line += " · " + asOf;
  }
  text("today.insideOther", line, theme::kMuted);
}

}  // namespace

void drawToday(StationSession& session, UiState& ui) {
  const Station& station = session.station();
  if (!station.isConfigured()) {
    banner("today.notConfigured", tr(Str::NotConfigured), theme::kWarn);
    if (button("today.goSettings", tr(Str::GoToSettings))) ui.screen = Screen::Settings;
    return;
  }
  // In a slot of fixed height: the counts never move when a save's status appears or expires
  // (a tap meant for them, or for "Đóng ngày", landed on what moved there).
  // A refused entry says what the form says: the field in red is what to fix ("Hãy thử lại"
  // here, beside the form's "Sửa ô báo đỏ", had staff press "Lưu" again on the same mistake).
  drawSaveStatusFixed(session, 76, tr(Str::NavToday), ui.manualErrors.errors.empty() ? nullptr : tr(Str::FixInManual));
  DaySummary d = station.today(session.now());
  float w = (ImGui::GetContentRegionAvail().x - 2 * theme::kGap) / 3.0f;
  statCard("today.inside", tr(Str::InsideNow), d.insideNow, theme::kPrimaryDark, w);
  ImGui::SameLine();
  statCard("today.in", tr(Str::InToday), d.checkInsToday, theme::kIn, w);
  ImGui::SameLine();
  statCard("today.out", tr(Str::OutToday), d.checkOutsToday, theme::kOut, w);

  if (button("today.manual", tr(Str::NewEntry), ButtonStyle::Primary)) ui.screen = Screen::Manual;
  insideElsewhere(session, d);

  drawSyncFooter(session);  // above the list, so it is always in view
  // The count actually listed ("2 lượt gần nhất"), never the limit: "20" over two rows read as
  // eighteen lost.
  auto recent = station.recent(20);
  std::string title = recent.empty() ? std::string(tr(Str::RecentTitleNone)) : tr(Str::RecentTitle);
  if (size_t at = title.find("{n}"); at != std::string::npos) title.replace(at, 3, std::to_string(recent.size()));
  text("today.recentTitle", title, theme::kMuted, fonts().bold);
  if (recent.empty()) text("today.empty", tr(Str::NoEntries), theme::kMuted);
  for (size_t i = 0; i < recent.size(); ++i)
    entryRow(recent[i], int(i), station.directionWasCorrected(recent[i]), station.correctedOnOtherPhone(recent[i]));

  // End of the day: people scanned in by staff often never scan out.
  ImGui::Dummy(ImVec2(1, theme::kGap));
  if (!ui.confirmCloseDay) {
    if (button("today.closeDay", tr(Str::CloseDay), ButtonStyle::Secondary)) ui.confirmCloseDay = true;
  } else {
    // Only the people this phone let in can be checked out here (the others have no name on it).
    const int here = d.insideNow - d.insideViaOtherPhones;
    std::string ask = here > 0 ? tr(d.insideViaOtherPhones > 0 ? Str::CloseDayHere : Str::CloseDayConfirm)
                               : tr(d.insideNow > 0 ? Str::CloseDayOthersOnly : Str::NobodyInside);
    if (size_t at = ask.find("{n}"); at != std::string::npos) ask.replace(at, 3, std::to_string(here));
    text("today.closeDayConfirm", ask, theme::kText, fonts().bold);
    float w = (ImGui::GetContentRegionAvail().x - theme::kGap) / 2;
    if (here > 0 && button("today.closeDayYes", tr(Str::Confirm), ButtonStyle::Danger, w)) {
      // The summary ("Đã đóng ngày · 12 người được ghi RA") is the status line at the top,
      // next to the counts it changed: the screen scrolls there.
      session.closeDay();
      ui.confirmCloseDay = false;
      ui.scrollTop = true;
    }
    if (here > 0) ImGui::SameLine();
    if (button("today.closeDayNo", tr(Str::Cancel), ButtonStyle::Secondary, here > 0 ? w : -1))
      ui.confirmCloseDay = false;
  }
}

}  // namespace diemquet::ui
