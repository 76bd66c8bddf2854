// Office: the weekly compliance report of the officer's area — totals, one row per area
// inside it, the 8-week trend as bars (ImGui draw list), non-complying venues with a
// reminder button, and XLSX/CSV/print exports fetched with the session token.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>
#include <string_view>

#include "export_names.hpp"
#include "glyph_fallback.hpp"
#include "i18n.hpp"
#include "office_state.hpp"
#include "probe.hpp"
#include "text.hpp"
#include "time.hpp"
#include "widgets.hpp"

namespace diemquet::ui::office {

namespace {

struct ReportScreen {
  std::string week;  // "" = the current week (the server decides)
  std::optional<client::WeeklyReport> data;
  bool loading = false;
  std::optional<Str> error;   // translated when drawn, so it follows a language switch
  std::optional<Str> notice;  // translated when drawn, so it follows a language switch
  std::string loadedFor;      // session + week the data belongs to
  bool allNonComplying = false;  // "Xem cả": every listed venue, not the first few
  bool emptyAreasOpen = false;   // the areas with no venue, opened to their names
  // Venues whose reminder is on its way: a second tap (a double tap) records no second one.
  std::set<std::string> reminding;
  // Venues whose reminder this officer recorded here: the row says to contact the venue (the
  // server only counts reminders; nothing is sent to the venue).
  std::set<std::string> reminded;
  // The venue whose "recorded" line is new: scrolled into view once (under a button near the
  // bottom of a phone's screen it appeared below it, and the tap seemed to do nothing).
  std::string revealReminded;
} g_r;

constexpr float kWardIndent = 12.0f;  // px, a ward's row under its district or province

// The newest report request: only its answer is shown. An earlier one ("Làm mới", the minute's
// refresh) answered after the reload that follows a reminder put the old count back (outside
// g_r: another officer's screen starts afresh, its requests still counted).
uint64_t g_asked = 0;

void load(OfficeState& s) {
  const uint64_t asked = ++g_asked;
  g_r.loading = true;
  // Another officer's session: what the last one recorded is not theirs to be told.
  if (g_r.loadedFor.substr(0, g_r.loadedFor.find('|')) != s.sessionKey()) g_r.reminded.clear();
  g_r.loadedFor = s.sessionKey() + "|" + g_r.week;
  s.refreshDue = false;
  s.client.report(g_r.week, [&s, asked](const client::OfficeResult<client::WeeklyReport>& r) {
    if (asked != g_asked) return;  // a newer request is on its way: its answer is the one to show
    g_r.loading = false;
    g_r.reminding.clear();  // the counts shown now include the reminders sent
    if (!r.ok()) {
      g_r.error = failureKey(r);
      if (g_r.data) g_r.week = g_r.data->week;  // still the week whose numbers are shown
      return;
    }
    s.loadedAtMs = s.nowMs;
    g_r.error.reset();
    g_r.data = r.value;
    g_r.week = r.value.week;
    g_r.loadedFor = g_r.loadedFor.substr(0, g_r.loadedFor.find('|') + 1) + g_r.week;
  });
}

// "2026-W48" moved by n weeks, through the trend labels the server sent (they are exact).
std::string neighbourWeek(int n) {
  const auto& t = g_r.data->trend;
  if (n < 0 && t.size() >= 2) return t[t.size() - 2].week;
  // Forward: parse and add (week 53 handled by the server refusing and us staying put).
  int y = 0, w = 0;
  if (std::sscanf(g_r.week.c_str(), "%d-W%d", &y, &w) != 2) return g_r.week;
  if (++w > 52) {
    w = 1;
    ++y;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", y, w);
  return buf;
}

void exportFile(OfficeState& s, const char* format, bool open) {
  // The file speaks the office's language (its headers, week titles, legends and its name).
  const bool english = language() == Lang::En;
  std::string name = reportFileName(s.areaCode, g_r.week, format, english);
  s.changed = true;
  s.client.exportReport(g_r.week, format, english ? "en" : "vi", name, open, [](client::OfficeError e) {
    g_r.notice = e == client::OfficeError::None ? Str::OfficeDownloaded : failureKey(e);
  });
}

// "2026-W09" → "9": the week's number as the page says it ("Tuần 9"); other text as it is.
std::string weekNumber(const std::string& iso) {
  size_t w = iso.find("-W");
  if (w == std::string::npos || w + 2 >= iso.size()) return iso;
  std::string number = iso.substr(w + 2);
  if (number.size() == 2 && number[0] == '0') number.erase(0, 1);
  return number;
}

// Eight weeks without a scan, in words on a small card: eight bars of height 0 were a large
// empty box a commune officer read as the chart failing to load.
void noScansCard() {
  ImFont* f = fonts().body;
  const char* s = tr(Str::OfficeTrendNone);
  const float w = ImGui::GetContentRegionAvail().x, inner = w - 2 * theme::kPad;
  const ImVec2 ts = f->CalcTextSizeA(fontPx(f), FLT_MAX, inner, s);
  const float h = ts.y + 2 * theme::kPad;
  ImGui::PushID("office.report.trend.none");
  ImGui::InvisibleButton("##n", ImVec2(w, h));
  ImGui::PopID();
  const ImVec2 a = ImGui::GetItemRectMin();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, ImVec2(a.x + w, a.y + h), theme::kCard, theme::kRadius);
  const ImVec2 at(a.x + (w - ts.x) / 2, a.y + theme::kPad);
  dl->AddText(f, fontPx(f), at, theme::kMuted, s, nullptr, inner);
  probe::add("text", "office.report.trend.none", s, at.x, at.y, ts.x, ts.y);
}

// Bars of the scans per week, each with its count above and its week's number below, and
// "Tuần" under the numbers (like the week switcher's "Tuần 49"; "W42" read as nothing).
void trendChart(const std::vector<client::TrendWeek>& trend) {
  int64_t total = 0;
  for (const auto& p : trend) total += p.scans;
  if (total == 0) return noScansCard();
  ImFont* f = fonts().body;
  const float fs = fontPx(f) * 0.8f;
  float w = ImGui::GetContentRegionAvail().x, h = 150 + fs + 2;
  ImGui::PushID("office.report.trend");
  ImGui::InvisibleButton("##t", ImVec2(w, h));
  ImGui::PopID();
  ImVec2 a = ImGui::GetItemRectMin();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, ImVec2(a.x + w, a.y + h), theme::kCard, theme::kRadius);
  int64_t maxScans = 1;
  for (const auto& p : trend) maxScans = std::max<int64_t>(maxScans, p.scans);
  const size_t n = trend.size();
  if (n == 0) return;
  float slot = (w - 16) / float(n), barW = slot * 0.6f, base = a.y + h - 2 * fs - 12, top = a.y + fs + 10;
  std::string values;
  for (size_t i = 0; i < n; ++i) {
    int64_t v = trend[i].scans;
    float x = a.x + 8 + slot * float(i) + (slot - barW) / 2;
    float y = base - (base - top) * float(v) / float(maxScans);
    dl->AddRectFilled(ImVec2(x, y), ImVec2(x + barW, base), i + 1 == n ? theme::kPrimary : theme::kBorder, 3);
    std::string num = std::to_string(v), wk = weekNumber(trend[i].week);
    ImVec2 ns = f->CalcTextSizeA(fs, FLT_MAX, 0, num.c_str());
    dl->AddText(f, fs, ImVec2(x + (barW - ns.x) / 2, y - fs - 2), theme::kText, num.c_str());
    ImVec2 ws = f->CalcTextSizeA(fs, FLT_MAX, 0, wk.c_str());
    const ImVec2 at(x + (barW - ws.x) / 2, base + 4);
    dl->AddText(f, fs, at, theme::kMuted, wk.c_str());
    probe::add("text", "office.report.trend.week." + std::to_string(i), wk, at.x, at.y, ws.x, ws.y);
    values += (i ? "," : "") + num;
  }
  const char* axis = tr(Str::OfficeWeekAxis);
  ImVec2 as = f->CalcTextSizeA(fs, FLT_MAX, 0, axis);
  const ImVec2 at(a.x + (w - as.x) / 2, base + fs + 8);
  dl->AddText(f, fs, at, theme::kMuted, axis);
  probe::add("text", "office.report.trend.axis", axis, at.x, at.y, as.x, as.y);
  probe::add("chart", "office.report.trend", values, a.x, a.y, w, h);
}

const char* problemText(const std::string& p) {
  if (p == "no_scans") return tr(Str::OfficeNoScans);
  if (p == "low_scans") return tr(Str::OfficeLowScans);
  return tr(Str::OfficeOpenViolation);
}

// "2026-W49" as an officer reads it: "Tuần 49" (the dates are on the line below).
std::string weekLabel(const std::string& iso) {
  if (weekNumber(iso) == iso) return iso;
  std::string label = tr(Str::OfficeWeekLabel);
  return label.replace(label.find("{n}"), 3, weekNumber(iso));
}

// The width of a count column: its header's longest word in the bold face, and at least a
// five-digit count or "0.00".
float countColumnWidth(const char* header) {
  ImFont* bold = fonts().bold;
  auto width = [&](std::string_view w) {
    return bold->CalcTextSizeA(fontPx(bold), FLT_MAX, 0, w.data(), w.data() + w.size()).x;
  };
  float widest = width("00000");
  std::string_view rest(header);
  while (!rest.empty()) {
    size_t space = rest.find(' ');
    widest = std::max(widest, width(rest.substr(0, space)));
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  return std::ceil(widest) + 2;
}

// "{n}" in a translated sentence.
std::string withCount(Str pattern, int64_t n) {
  std::string out = tr(pattern);
  if (size_t at = out.find("{n}"); at != std::string::npos) out.replace(at, 3, std::to_string(n));
  return out;
}

// An area of the table below the officer's own with no venue in the week: all its counts are 0.
// Such rows are folded into one line (a province on the 2025 map has 168 communes).
bool emptyArea(const client::WeeklyReport& d, size_t row) {
  return row > 0 && d.areas[row].venues == 0;
}

// The venues not complying, each with its reminder button; a long list shows its first
// kFirstNonComplying until "Xem cả" is tapped (the area table and the trend stay within reach).
constexpr int kFirstNonComplying = 10;

void nonComplyingList(OfficeState& s, const client::WeeklyReport& d) {
  text("office.report.bad.title", tr(Str::OfficeNonComplying), theme::kText, fonts().bold);
  const auto& bad = d.nonComplying;
  // No venue yet in that week (all registered later): nothing to comply with.
  if (bad.empty() && !d.areas.empty() && d.areas[0].venues == 0)
    text("office.report.bad.none", tr(Str::OfficeNoVenuesInWeek), theme::kMuted);
  else if (bad.empty() && !d.areas.empty() && d.areas[0].venues == d.areas[0].newlyRegistered)
    text("office.report.bad.none", tr(Str::OfficeOnlyNewVenues), theme::kMuted);  // none judged yet: not "all comply"
  else if (bad.empty())
    text("office.report.bad.none", tr(Str::OfficeAllComply), theme::kIn);
  else  // "Ghi nhắc nhở" read as a message sent to the venue
    text("office.report.bad.remindNote", tr(Str::OfficeRemindNote), theme::kMuted);
  const int shown = g_r.allNonComplying ? int(bad.size()) : std::min<int>(int(bad.size()), kFirstNonComplying);
  for (int i = 0; i < shown; ++i) {
    const client::NonComplyingVenue& v = bad[size_t(i)];
    const std::string id = v.id;
    // The week's scans beside the staff, named: "(12/3)" read as a date or a score.
    // No staff declared (0): said so, not "0 staff", which read as if staff had been counted.
    std::string counts = tr(v.staff > 0 ? Str::OfficeScansOfStaff : Str::OfficeScansStaffUndeclared);
    counts.replace(counts.find("{a}"), 3, std::to_string(v.scans));
    if (auto b = counts.find("{b}"); b != std::string::npos) counts.replace(b, 3, std::to_string(v.staff));
    std::string line = v.name + " — " + problemText(v.problem) + " (" + counts + ")";
    // Two listed venues of one name: the second line tells which (its address, or its code).
    if (!v.nameAside.empty()) line += "\n" + v.nameAside;
    text(("office.report.bad." + std::to_string(i)).c_str(), line, theme::kText);
    std::string rem = std::string(tr(Str::OfficeReminders)) + ": " + std::to_string(v.reminders);
    if (v.flaggedForSuspension) rem += " · " + std::string(tr(Str::OfficeSuspend));
    text(("office.report.bad." + std::to_string(i) + ".reminders").c_str(), rem,
         v.flaggedForSuspension ? theme::kDanger : theme::kMuted);
    const bool sending = g_r.reminding.count(id) > 0;
    const char* remindLabel = sending ? tr(Str::Loading) : tr(Str::OfficeRemind);
    if (button(("office.report.remind." + std::to_string(i)).c_str(), remindLabel, ButtonStyle::Secondary, -1, 48) &&
        !sending) {
      g_r.reminding.insert(id);
      s.client.remind(id, [&s, id](const Reply& r) {
        if (r.ok()) {
          g_r.reminded.insert(id);
          g_r.revealReminded = id;
          load(s);  // the button comes back with the new count (see load)
        } else {
          g_r.reminding.erase(id);
          g_r.error = failureKey(r);
        }
      });
    }
    if (g_r.reminded.count(id) && !sending) {
      text(("office.report.bad." + std::to_string(i) + ".reminded").c_str(), tr(Str::OfficeReminderRecorded), theme::kIn);
      if (g_r.revealReminded == id) {
        g_r.revealReminded.clear();
        if (ImGui::GetItemRectMax().y > ImGui::GetWindowPos().y + ImGui::GetWindowHeight()) ImGui::SetScrollHereY(1.0f);
      }
    }
    ImGui::Dummy(ImVec2(1, 4));
  }
  if (shown < int(bad.size()) &&
      button("office.report.bad.all", withCount(Str::OfficeShowAllNonComplying, int64_t(bad.size())).c_str(),
             ButtonStyle::Secondary, -1, 48)) {
    g_r.allNonComplying = true;
    s.changed = true;
  }
  // A province lists its first few hundred; the files hold every one.
  const int64_t listed = int64_t(bad.size()), total = std::max<int64_t>(d.nonComplyingTotal, listed);
  if (total > listed) {
    text("office.report.bad.more", withCount(Str::OfficeMoreNonComplying, total - listed), theme::kMuted);
  }
}

// Venues registered in the week with no scan yet, apart from those not complying: one
// registered minutes ago was listed "Không có lượt quét" and counted against the commune.
constexpr size_t kNewlyListed = 20;

void newlyRegisteredList(const client::WeeklyReport& d) {
  const auto& fresh = d.newlyRegistered;
  if (fresh.empty()) return;
  ImGui::Dummy(ImVec2(1, 6));
  text("office.report.new.title",
       std::string(tr(Str::OfficeNewlyRegistered)) + " (" + std::to_string(fresh.size()) + ")", theme::kText,
       fonts().bold);
  text("office.report.new.note", tr(Str::OfficeNewlyRegisteredNote), theme::kMuted);
  for (size_t i = 0; i < fresh.size() && i < kNewlyListed; ++i) {
    const client::NewlyRegisteredVenue& v = fresh[i];
    std::string line = v.name + " — " + tr(Str::OfficeNewlyRegistered);
    if (!v.registered.empty()) line += " " + dayLabel(v.registered);
    if (!v.nameAside.empty()) line += "\n" + v.nameAside;
    text(("office.report.new." + std::to_string(i)).c_str(), line, theme::kText);
  }
  // The rest is in the files, as for the list above: the title's count alone read as a list cut.
  if (fresh.size() > kNewlyListed)
    text("office.report.new.more", withCount(Str::OfficeMoreNonComplying, int64_t(fresh.size() - kNewlyListed)),
         theme::kMuted);
}

// One row per area that has venues (the officer's own area first, always). Six columns leave
// a phone's area name a letter wide ("A/r/e/a" at 360 px, with the staff column): there the
// name stands on its own line above its numbers, in tables that share one set of columns.
void areaTable(const client::WeeklyReport& d) {
  constexpr Str kCounts[] = {Str::OfficeVenues, Str::OfficeWithScan, Str::OfficeScans, Str::OfficeStaffColumn,
                             Str::OfficePerStaff};
  constexpr int kCountColumns = 5;
  float widths[kCountColumns], fixed = 0;
  for (int c = 0; c < kCountColumns; ++c) {
    // Each count column is as wide as its header's longest word, so a header wraps between
    // words, never inside one ("Venue|s" at 360 px in English). The staff cell may say "chưa
    // khai báo": wide enough for its longest word too ("not declar|ed" broke mid-word).
    widths[c] = countColumnWidth(tr(kCounts[c]));
    if (kCounts[c] == Str::OfficeStaffColumn)
      widths[c] = std::max(widths[c], countColumnWidth(tr(Str::OfficeStaffNotDeclared)));
    fixed += widths[c] + 2 * ImGui::GetStyle().CellPadding.x + 1;
  }
  ImFont* body = fonts().body;
  const float nameRoom = ImGui::GetContentRegionAvail().x - fixed - 2 * ImGui::GetStyle().CellPadding.x;
  const bool nameAbove = nameRoom < body->CalcTextSizeA(fontPx(body), FLT_MAX, 0, "Phường Bến").x;
  const int columns = nameAbove ? kCountColumns : kCountColumns + 1;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp;
  auto begin = [&] {
    // Tables of one id share their columns (ImGui's synced instances): the rows line up.
    if (!ImGui::BeginTable("office.report.table", columns, flags)) return false;
    if (!nameAbove) ImGui::TableSetupColumn(tr(Str::OfficeArea), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    for (int c = 0; c < kCountColumns; ++c)
      ImGui::TableSetupColumn(tr(kCounts[c]), nameAbove ? ImGuiTableColumnFlags_WidthStretch : ImGuiTableColumnFlags_WidthFixed,
                              widths[c]);
    return true;
  };
  auto areaName = [&](const client::AreaWeek& a) {
    // A ward under a larger area is indented, both lines when its name wraps (two spaces in
    // front indented only the first: "Phường Sài / Gòn").
    const bool indented = a.area.level == "ward" && d.area.level != "ward";
    if (indented) ImGui::Indent(kWardIndent);
    ImGui::TextWrapped("%s", drawable(body, a.area.name).c_str());
    const ImVec2 m = ImGui::GetItemRectMin(), x = ImGui::GetItemRectMax();
    probe::add("text", "office.report.area." + a.area.code, a.area.name, m.x, m.y, x.x - m.x, x.y - m.y);
    if (indented) ImGui::Unindent(kWardIndent);
  };
  if (!begin()) return;
  // Headers wrap inside their column ("Lượt quét/nhân viên" was cut to "Scan…" at 360 px).
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < columns; ++c) {
    ImGui::TableSetColumnIndex(c);
    const char* name = ImGui::TableGetColumnName(c);
    ImGui::PushFont(fonts().bold);
    ImGui::TextWrapped("%s", name);
    ImGui::PopFont();
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    probe::add("text", "office.report.head." + std::to_string(c), name, a.x, a.y, b.x - a.x, b.y - a.y);
  }
  for (size_t row = 0; row < d.areas.size(); ++row) {
    if (emptyArea(d, row)) continue;
    const client::AreaWeek& a = d.areas[row];
    if (nameAbove) {
      ImGui::EndTable();
      ImGui::Dummy(ImVec2(1, 2));
      areaName(a);
      if (!begin()) return;
      ImGui::TableNextRow(0, 28);
    } else {
      ImGui::TableNextRow(0, 36);
      ImGui::TableNextColumn();
      areaName(a);
    }
    ImGui::TableNextColumn();
    ImGui::Text("%lld", static_cast<long long>(a.venues));
    ImGui::TableNextColumn();
    ImGui::Text("%lld", static_cast<long long>(a.withScan));
    ImGui::TableNextColumn();
    ImGui::Text("%lld", static_cast<long long>(a.scans));
    probe::add("text", "office.report.scans." + a.area.code, std::to_string(a.scans), ImGui::GetItemRectMin().x,
               ImGui::GetItemRectMin().y, 40, 20);
    ImGui::TableNextColumn();
    // Its venues declared no staff: said in the staff cell as their own rows say it, not "0"
    // (read as if staff had been counted) and not in the ratio's cell.
    if (a.staff) {
      ImGui::Text("%lld", static_cast<long long>(*a.staff));
      probe::add("text", "office.report.staff." + a.area.code, std::to_string(*a.staff), ImGui::GetItemRectMin().x,
                 ImGui::GetItemRectMin().y, 40, 20);
    } else {
      const char* none = tr(Str::OfficeStaffNotDeclared);
      ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
      ImGui::TextWrapped("%s", none);
      ImGui::PopStyleColor();
      const ImVec2 m = ImGui::GetItemRectMin(), x = ImGui::GetItemRectMax();
      probe::add("text", "office.report.staff." + a.area.code, none, m.x, m.y, x.x - m.x, x.y - m.y);
    }
    ImGui::TableNextColumn();
    // No staff numbers declared: no ratio ("—"), not 0.00. "0,05" in Vietnamese, where "0.05"
    // reads as a thousands separator gone wrong.
    const std::string ratio = a.scansPerStaff ? text::twoDecimals(*a.scansPerStaff, language() == Lang::Vi) : "—";
    ImGui::TextUnformatted(ratio.c_str());
    probe::add("text", "office.report.perStaff." + a.area.code, ratio, ImGui::GetItemRectMin().x,
               ImGui::GetItemRectMin().y, 40, 20);
  }
  ImGui::EndTable();
}

// The areas with no venue, as one line that opens to their names ("168 xã/phường chưa có cơ
// sở · Xem"): nothing to act on there, but an officer may want to know which they are.
void emptyAreasLine(const client::WeeklyReport& d) {
  std::string names;
  int64_t count = 0;
  bool onlyWards = true;
  for (size_t row = 0; row < d.areas.size(); ++row) {
    if (!emptyArea(d, row)) continue;
    ++count;
    onlyWards = onlyWards && d.areas[row].area.level == "ward";
    names += (names.empty() ? "" : " · ") + d.areas[row].area.name;
  }
  if (count == 0) return;
  ImGui::Dummy(ImVec2(1, 4));
  const std::string label = withCount(onlyWards ? Str::OfficeEmptyWards : Str::OfficeEmptyAreas, count) + " · " +
                            tr(g_r.emptyAreasOpen ? Str::OfficeHideList : Str::OfficeShowList);
  const bool opened = button("office.report.empty", label.c_str(), ButtonStyle::Secondary, -1, 48, true) &&
                      (g_r.emptyAreasOpen = !g_r.emptyAreasOpen);
  if (!g_r.emptyAreasOpen) return;
  // Opened from a line at the bottom of the screen, the names began below it and the tap
  // seemed to do nothing: their start is brought up to the middle.
  const float screenBottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
  if (opened && ImGui::GetCursorScreenPos().y > screenBottom - 80) ImGui::SetScrollHereY(0.5f);
  text("office.report.empty.list", names, theme::kMuted);
}

}  // namespace

void drawReport(OfficeState& s) {
  if (!g_r.loading && g_r.loadedFor.substr(0, g_r.loadedFor.find('|')) != s.sessionKey()) {
    g_r = ReportScreen{};  // another officer: nothing of the last one's report, nor its folds
    load(s);
  }
  // Entering the screen, every minute on screen, or "Làm mới": the week shown, as it is now.
  if (freshnessRow(s, "office.report", g_r.loading) || (s.refreshDue && !g_r.loading)) load(s);
  // Week switcher: each label on one line, drawn smaller if it must ("« Tuần trước" wrapped at 360 px).
  float w3 = (ImGui::GetContentRegionAvail().x - 12) / 3;
  if (button("office.report.prev", tr(Str::OfficePrevWeek), ButtonStyle::Secondary, w3, 48, true) && !g_r.loading &&
      g_r.data) {
    g_r.week = neighbourWeek(-1);
    load(s);
  }
  ImGui::SameLine(0, 6);
  {
    ImGui::PushID("office.report.week");
    ImGui::InvisibleButton("##w", ImVec2(w3, 48));
    ImGui::PopID();
    ImVec2 a = ImGui::GetItemRectMin();
    // The week of the numbers below: while another week loads, "Đang tải…" (it read "Tuần 48"
    // above week 49's numbers until the answer came).
    std::string label = g_r.data && g_r.data->week == g_r.week ? weekLabel(g_r.week) : tr(Str::Loading);
    ImFont* f = fonts().bold;
    ImVec2 ts = f->CalcTextSizeA(fontPx(f), FLT_MAX, 0, label.c_str());
    ImGui::GetWindowDrawList()->AddText(f, fontPx(f), ImVec2(a.x + (w3 - ts.x) / 2, a.y + (48 - ts.y) / 2),
                                        theme::kText, label.c_str());
    probe::add("text", "office.report.week", label, a.x, a.y, w3, 48);
  }
  ImGui::SameLine(0, 6);
  // No "Tuần sau" from the week that holds today: the weeks after it have not happened, yet
  // showed 0 scans and every venue as not complying.
  const std::string today = isoDayFromTyped(formatLocalDate(Instant{s.nowMs, s.offsetMinutes}));
  if (g_r.data && !today.empty() && g_r.data->to >= today) {
    ImGui::Dummy(ImVec2(w3, 48));
  } else if (button("office.report.next", tr(Str::OfficeNextWeek), ButtonStyle::Secondary, w3, 48, true) &&
             !g_r.loading && g_r.data) {
    g_r.week = neighbourWeek(1);
    load(s);
  }
  if (g_r.error) banner("office.report.error", tr(*g_r.error), theme::kDanger);
  if (!g_r.data) return;
  const client::WeeklyReport& d = *g_r.data;
  text("office.report.range",
       dayLabel(d.from, d.from.substr(0, 4) != d.to.substr(0, 4)) + " – " + dayLabel(d.to) + " · " + d.area.name,
       theme::kMuted);

  // Totals of the officer's area (the first row)
  const auto& areas = d.areas;
  if (!areas.empty()) {
    const client::AreaWeek& t = areas[0];
    float cw = (ImGui::GetContentRegionAvail().x - 2 * theme::kGap) / 3;
    statCard("office.report.total.venues", tr(Str::OfficeVenues), int(t.venues), theme::kText, cw);
    ImGui::SameLine(0, theme::kGap);
    statCard("office.report.total.scans", tr(Str::OfficeScans), int(t.scans), theme::kPrimary, cw);
    ImGui::SameLine(0, theme::kGap);
    statCard("office.report.total.noncomplying", tr(Str::OfficeNonComplying), int(t.nonComplying), theme::kDanger, cw);
  }
  // Self-registered venues counted above but not yet confirmed by the commune (Cơ sở tab).
  if (!d.unverified.empty()) {
    const auto& u = d.unverified;
    banner("office.report.unverified", std::to_string(u.size()) + " " + tr(Str::OfficeReportUnverified), theme::kWarn);
    for (size_t i = 0; i < u.size() && i < 20; ++i) {
      std::string line = u[i].name + " · " + std::to_string(u[i].scans) + " " + tr(Str::OfficeScans);
      // Two listed venues of one name: the second line tells which, as in the list above.
      if (!u[i].nameAside.empty()) line += "\n" + u[i].nameAside;
      text(("office.report.unverified." + std::to_string(i)).c_str(), line, theme::kMuted);
    }
    if (u.size() > 20)
      text("office.report.unverified.more", withCount(Str::OfficeMoreNonComplying, int64_t(u.size() - 20)), theme::kMuted);
  }
  ImGui::Dummy(ImVec2(1, 4));
  // Exports
  float w3b = (ImGui::GetContentRegionAvail().x - 12) / 3;
  if (button("office.report.xlsx", tr(Str::OfficeExportXlsx), ButtonStyle::Primary, w3b, 52))
    exportFile(s, "xlsx", false);
  ImGui::SameLine(0, 6);
  if (button("office.report.csv", tr(Str::OfficeExportCsv), ButtonStyle::Secondary, w3b, 52))
    exportFile(s, "csv", false);
  ImGui::SameLine(0, 6);
  if (button("office.report.print", tr(Str::OfficePrint), ButtonStyle::Secondary, w3b, 52)) exportFile(s, "html", true);
  if (g_r.notice) text("office.report.notice", tr(*g_r.notice), theme::kIn);

  // What needs action first: at 360 px a province's 168 communes, most of them without a venue,
  // stood between the totals and this list.
  ImGui::Dummy(ImVec2(1, 6));
  nonComplyingList(s, d);
  newlyRegisteredList(d);

  ImGui::Dummy(ImVec2(1, 6));
  text("office.report.areas.title", tr(Str::OfficeByArea), theme::kText, fonts().bold);
  areaTable(d);
  emptyAreasLine(d);

  ImGui::Dummy(ImVec2(1, 6));
  text("office.report.trend.title", tr(Str::OfficeTrend), theme::kText, fonts().bold);
  trendChart(d.trend);
}

}  // namespace diemquet::ui::office
