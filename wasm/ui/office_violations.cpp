// Office: the complaint queue of the officer's area (no poster, wrong information, cannot be
// scanned, staff not checking), newest first, each resolvable with a note.
#include <imgui.h>

#include <map>
#include <optional>

#include "i18n.hpp"
#include "office_state.hpp"
#include "widgets.hpp"

namespace diemquet::ui::office {

namespace {

struct ViolationsScreen {
  std::optional<std::vector<client::Violation>> list;  // none until the first answer
  std::string loadedFor;
  std::optional<Str> error;  // messages as keys, worded when drawn (they follow a language switch)
  bool loading = false;
  std::map<int64_t, std::string> notes;
  std::map<int64_t, std::optional<Str>> noteErrors;
} g_v;

void load(OfficeState& s) {
  g_v.loading = true;
  g_v.loadedFor = s.sessionKey();
  s.refreshDue = false;
  s.client.openViolations([&s](const client::OfficeResult<std::vector<client::Violation>>& r) {
    g_v.loading = false;
    if (!r.ok()) {
      g_v.error = failureKey(r);
      return;
    }
    s.loadedAtMs = s.nowMs;
    g_v.error.reset();
    g_v.list = r.value;
  });
}

const char* kindText(const std::string& k) {
  if (k == "no_poster") return tr(Str::OfficeKindNoPoster);
  if (k == "wrong_info") return tr(Str::OfficeKindWrongInfo);
  if (k == "cannot_scan") return tr(Str::OfficeKindCannotScan);
  return tr(Str::OfficeKindStaff);
}

}  // namespace

void drawViolations(OfficeState& s) {
  if (!g_v.loading && g_v.loadedFor != s.sessionKey()) load(s);
  // A new report appears without a reload: on entering, every minute on screen, "Làm mới".
  if (freshnessRow(s, "office.violations", g_v.loading) || (s.refreshDue && !g_v.loading)) load(s);
  if (g_v.error) banner("office.violations.error", tr(*g_v.error), theme::kDanger);
  complaintByPhone(s, [&s] { load(s); });  // the new complaint appears in the queue below
  if (!g_v.list) {
    text("office.violations.loading", tr(Str::Loading), theme::kMuted);
    return;
  }
  if (g_v.list->empty()) text("office.violations.none", tr(Str::OfficeNoViolations), theme::kIn);
  int i = 0;
  for (const client::Violation& v : *g_v.list) {
    const int64_t id = v.id;
    const std::string n = std::to_string(i++);
    std::string head = v.venueName + " — " + kindText(v.kind);
    text(("office.violations." + n).c_str(), head, theme::kText, fonts().bold);
    // Who sent it, in words ("· —" and "officer:benthanh" were shown as they are stored).
    std::string from = v.reporter.rfind("officer:", 0) == 0 ? tr(Str::OfficeReporterOfficer) + v.reporter.substr(8)
                                                            : std::string(tr(Str::OfficeReporterPublic));
    std::string meta = dayTimeLabel(v.created) + " · " + from;
    if (!v.note.empty()) meta += "\n" + v.note;
    text(("office.violations." + n + ".meta").c_str(), meta, theme::kMuted);
    // A complaint about the poster: print the venue's posters from here, as the officer reads it.
    if (!v.venueId.empty() && (v.kind == "no_poster" || v.kind == "wrong_info" || v.kind == "cannot_scan"))
      venuePostersButton(s, "office.violations." + n + ".posters", v.venueId, v.venueName);
    textField(("office.violations." + n + ".note").c_str(), tr(Str::OfficeResolveNote), g_v.notes[id],
              platform::InputMode::Text, "", trIf(g_v.noteErrors[id]));
    if (button(("office.violations." + n + ".resolve").c_str(), tr(Str::OfficeResolve), ButtonStyle::Secondary, -1, 48)) {
      if (g_v.notes[id].empty()) {
        g_v.noteErrors[id] = Str::OfficeNoteRequired;
      } else {
        g_v.noteErrors[id].reset();
        s.client.resolveViolation(id, g_v.notes[id], [&s](const Reply& r) {
          if (!r.ok()) g_v.error = failureKey(r);
          load(s);
        });
      }
    }
    ImGui::Dummy(ImVec2(1, 8));
  }
}

}  // namespace diemquet::ui::office
