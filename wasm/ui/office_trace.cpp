// Office: contact tracing. A person (CCCD, BHYT or phone), a date range, a margin and a
// required reason; the answer lists where the person was and who was there at the same time.
// On screen ids and phones stay masked; the CSV export (audit-logged like the query) is full.
#include <imgui.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "i18n.hpp"
#include "masking.hpp"
#include "time.hpp"
#include "office_state.hpp"
#include "office_exposures.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace diemquet::ui::office {

namespace {

struct TraceScreen {
  std::string id, from, to, margin = "30", reason;
  // Messages as keys, worded when drawn (they follow a language switch).
  std::optional<Str> reasonError;
  std::optional<Str> fromError;  // under the field at fault, saying how to write it
  std::optional<Str> toError;
  std::optional<Str> marginError;
  std::optional<Str> error;
  std::optional<client::TraceResult> result;
  // What the shown result was asked with: its CSV is of that (not of fields edited since), and
  // its alerts are audited with its reason.
  client::TraceQuery resultQuery;
  bool loading = false;
  // An answer arrived: scroll its outcome into view at the next frame (at 360×740 the result
  // began below the screen's edge and "Truy vết" seemed to do nothing).
  bool reveal = false;
} g_t;

// The margin as typed: whole minutes, 0 to a day; empty is the 30 the field shows greyed.
// -1 when it is not a number of minutes ("1 giờ", "-5"): asked again, never read as 0.
int marginMinutes() {
  std::string digits;
  for (char c : g_t.margin)
    if (c != ' ') digits += c;
  if (digits.empty()) return 30;
  if (digits.size() > 4 || !text::isAllDigits(digits)) return -1;
  const int minutes = std::stoi(digits);
  return minutes <= 24 * 60 ? minutes : -1;
}

// Dates as officers type them ("05/12/2026") go to the server as ISO.
client::TraceQuery query() {
  std::string from = isoDayFromTyped(g_t.from), to = g_t.to.empty() ? from : isoDayFromTyped(g_t.to);
  return client::TraceQuery{g_t.id, from, to, g_t.reason, marginMinutes()};
}

// Checks the two dates where they are typed; true when both are usable.
bool checkDates() {
  g_t.fromError.reset();
  g_t.toError.reset();
  if (text::squeezeSpaces(g_t.from).empty())
    g_t.fromError = Str::OfficeFromEmpty;  // not "a wrong date"
  else if (isoDayFromTyped(g_t.from).empty())
    g_t.fromError = Str::OfficeDateFormat;
  if (!g_t.to.empty() && isoDayFromTyped(g_t.to).empty()) g_t.toError = Str::OfficeDateFormat;
  if (!g_t.fromError && !g_t.toError && !g_t.to.empty() && isoDayFromTyped(g_t.to) < isoDayFromTyped(g_t.from))
    g_t.toError = Str::OfficeDateOrder;
  return !g_t.fromError && !g_t.toError;
}

// "2026-11-20 09:00" → "09:00" (the day is on the line above); a shorter text as it is.
std::string timeOf(const std::string& dateTime) {
  return dateTime.size() > 11 ? dateTime.substr(11) : dateTime;
}

// The server's word on a refused query, put where it belongs.
void showRefusal(const Reply& r) {
  if (r.errorCode == "reason_required") g_t.reasonError = Str::OfficeReasonRequired;
  else if (r.errorCode == "bad_date_from") g_t.fromError = Str::OfficeDateFormat;
  else if (r.errorCode == "bad_date_to") g_t.toError = Str::OfficeDateFormat;
  else if (r.errorCode == "bad_range") g_t.toError = Str::OfficeDateRange;
  else g_t.error = failureKey(r);
}

// The grey example of a date field: a day `daysBack` before today on the officer's phone, so it
// reads as a recent date to trace (fixed "20/11/2026" went stale and read like a date typed).
std::string recentDay(const OfficeState& s, int daysBack) {
  return formatLocalDate(Instant{s.nowMs - int64_t(daysBack) * 86'400'000, s.offsetMinutes});
}

// A date field's message as drawn: its "{d}" (the example of how to write a date) is today.
std::string dateMessage(const std::optional<Str>& key, const std::string& today) {
  if (!key) return {};
  std::string s = tr(*key);
  if (size_t at = s.find("{d}"); at != std::string::npos) s.replace(at, 3, today);
  return s;
}

}  // namespace

void drawTrace(OfficeState& s) {
  textField("office.trace.id", tr(Str::OfficeTraceId), g_t.id, platform::InputMode::Numeric, "001090012345", nullptr);
  const std::string fromExample = recentDay(s, 7), today = recentDay(s, 0);
  const std::string fromError = dateMessage(g_t.fromError, today), toError = dateMessage(g_t.toError, today);
  if (textField("office.trace.from", tr(Str::OfficeFrom), g_t.from, platform::InputMode::Text, fromExample.c_str(),
                g_t.fromError ? fromError.c_str() : nullptr))
    g_t.fromError.reset();
  // "Đến ngày" left empty means the same day as "Từ ngày": its grey shows that day (the one
  // typed, once it reads as a date; read after this frame's typing), not today, which an
  // officer took for the default.
  const std::string toExample = isoDayFromTyped(g_t.from).empty() ? fromExample : text::squeezeSpaces(g_t.from);
  if (textField("office.trace.to", tr(Str::OfficeTo), g_t.to, platform::InputMode::Text, toExample.c_str(),
                g_t.toError ? toError.c_str() : nullptr))
    g_t.toError.reset();
  if (textField("office.trace.margin", tr(Str::OfficeMargin), g_t.margin, platform::InputMode::Numeric, "30",
                trIf(g_t.marginError)))
    g_t.marginError.reset();
  // What the margin does, said where it is typed: a new officer did not know.
  text("office.trace.margin.note", tr(Str::OfficeMarginNote), theme::kMuted);
  textField("office.trace.reason", tr(Str::OfficeReason), g_t.reason, platform::InputMode::Text, "", trIf(g_t.reasonError));
  ImGui::Dummy(ImVec2(1, 4));
  if (button("office.trace.run", g_t.loading ? tr(Str::Loading) : tr(Str::OfficeRunTrace)) && !g_t.loading) {
    g_t.reasonError = g_t.reason.size() < 5 ? std::optional(Str::OfficeReasonRequired) : std::nullopt;
    bool datesOk = checkDates();
    g_t.marginError = marginMinutes() < 0 ? std::optional(Str::OfficeMarginBad) : std::nullopt;
    if (!g_t.reasonError && datesOk && !g_t.marginError) {
      g_t.loading = true;
      g_t.error.reset();
      const client::TraceQuery q = query();
      s.client.trace(q, [q](const client::OfficeResult<client::TraceResult>& r) {
        g_t.loading = false;
        if (!r.ok()) {
          showRefusal(r);  // a field's own error is drawn beside it, at the top
          g_t.reveal = g_t.error.has_value();
          return;
        }
        g_t.reveal = true;
        g_t.result = r.value;
        g_t.resultQuery = q;
        resetPublishForm();
      });
    }
  }
  if (g_t.error) {
    if (std::exchange(g_t.reveal, false)) ImGui::SetScrollHereY(0.0f);
    banner("office.trace.error", tr(*g_t.error), theme::kDanger);
  }
  if (!g_t.result) return drawPublishedExposures(s);
  const auto& visits = g_t.result->visits;
  const auto& contacts = g_t.result->contacts;
  ImGui::Dummy(ImVec2(1, 6));
  if (std::exchange(g_t.reveal, false)) ImGui::SetScrollHereY(0.0f);
  text("office.trace.visits.title",
       std::string(tr(Str::OfficeVisits)) + " (" + std::to_string(visits.size()) + ")", theme::kText, fonts().bold);
  if (visits.empty()) text("office.trace.none", tr(Str::OfficeNoResults), theme::kMuted);
  // "(~)" marks a time the trace assumed; said once, above the first such time.
  const bool estimated =
      std::any_of(visits.begin(), visits.end(), [](const auto& v) { return v.startEstimated || v.endEstimated; }) ||
      std::any_of(contacts.begin(), contacts.end(), [](const auto& c) { return c.startEstimated || c.endEstimated; });
  if (estimated) text("office.trace.estimated", tr(Str::OfficeEstimatedTime), theme::kMuted);
  int i = 0;
  for (const client::TraceVisit& v : visits) {
    std::string line = v.venueName + "\n" + spanLabel(v.start, v.startEstimated, v.end, v.endEstimated);
    text(("office.trace.visit." + std::to_string(i)).c_str(), line, theme::kText);
    drawPublishExposure(s, v, i++, g_t.resultQuery.reason);
  }
  ImGui::Dummy(ImVec2(1, 6));
  text("office.trace.contacts.title",
       std::string(tr(Str::OfficeContacts)) + " (" + std::to_string(contacts.size()) + ")", theme::kText, fonts().bold);
  drawStaffPhones(*g_t.result);
  i = 0;
  for (const client::TraceContact& c : contacts) {
    std::string who = c.name + " · " + maskId(c.key);
    if (!c.phone.empty()) who += " · " + maskPhone(c.phone);
    std::string line = who + "\n" + c.venueName + " · " + timeOf(c.start) + (c.startEstimated ? " (~)" : "") + "–" +
                       timeOf(c.end) + (c.endEstimated ? " (~)" : "") + " · " + std::to_string(c.overlapMinutes) + " " +
                       tr(Str::OfficeMinutesShort);
    text(("office.trace.contact." + std::to_string(i++)).c_str(), line, theme::kText);
  }
  ImGui::Dummy(ImVec2(1, 4));
  if (button("office.trace.csv", tr(Str::OfficeExportCsv), ButtonStyle::Secondary)) {
    // The CSV is a second, separately audited query.
    s.client.saveTraceCsv(g_t.resultQuery, language() == Lang::En ? "en" : "vi", [](client::OfficeError e) {
      if (e != client::OfficeError::None) g_t.error = failureKey(e);
    });
  }
  drawPublishedExposures(s);
}

}  // namespace diemquet::ui::office
