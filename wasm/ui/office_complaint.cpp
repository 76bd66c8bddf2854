// Office, Phản ánh: a complaint a citizen made by phone, recorded by the officer who took the
// call. The venue is found by name within the officer's area (marks and case ignored: "cho ben
// thanh" finds "Chợ Bến Thành"), then the kind and an optional note. It joins the queue below as
// the officer's own ("Cán bộ benghe").
#include <imgui.h>

#include <optional>

#include "i18n.hpp"
#include "office_state.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace diemquet::ui::office {

namespace {

const char* const kKinds[] = {"staff_not_checking", "no_poster", "wrong_info", "cannot_scan"};

struct ComplaintForm {
  bool open = false;
  AreaPicker venue;  // the area picker's list, over the officer's venues (code = venue id)
  std::string kind, note;
  std::optional<Str> venueError, kindError, error;
  bool busy = false;
  std::string recordedName;    // "Đã ghi phản ánh về …", until the next one is begun
  int64_t recordedAtMs = 0;    // a double tap's second tap lands on the emptied form: not an error
  bool revealError = false;    // scroll the first message into view (the form is taller than a phone)
} g_c;

const char* kindLabel(const std::string& k) {
  if (k == "no_poster") return tr(Str::OfficeKindNoPoster);
  if (k == "wrong_info") return tr(Str::OfficeKindWrongInfo);
  if (k == "cannot_scan") return tr(Str::OfficeKindCannotScan);
  return tr(Str::OfficeKindStaff);
}

void revealHere() {
  if (!g_c.revealError) return;
  g_c.revealError = false;
  const float top = ImGui::GetWindowPos().y, bottom = top + ImGui::GetWindowHeight();
  if (ImGui::GetItemRectMin().y < top + 60 || ImGui::GetItemRectMax().y > bottom - 80) ImGui::SetScrollHereY(0.3f);
}

}  // namespace

void complaintByPhone(OfficeState& s, const std::function<void()>& recorded) {
  if (g_c.venue.within != s.areaCode) {  // another officer: nothing of the last one's form
    g_c = ComplaintForm{};
    g_c.venue.level.clear();
    g_c.venue.within = s.areaCode;
  }
  if (button("office.complaint.open", tr(g_c.open ? Str::OfficeComplaintClose : Str::OfficeComplaintByPhone),
             ButtonStyle::Secondary)) {
    g_c.open = !g_c.open;
    g_c.recordedName.clear();
    s.changed = true;
  }
  if (!g_c.open) return;
  if (areaPicker("office.complaint.venue", tr(Str::OfficeComplaintVenue), g_c.venue, venueFetch(s),
                 trIf(g_c.venueError), tr(Str::OfficeComplaintVenueHint), tr(Str::OfficeComplaintNoVenue)))
    g_c.venueError.reset();
  if (!g_c.venue.code.empty()) g_c.recordedName.clear();  // the next call begun
  if (g_c.venueError) revealHere();
  text("office.complaint.kind.label", tr(Str::OfficeComplaintKind), theme::kMuted);
  const float half = (ImGui::GetContentRegionAvail().x - 6) / 2;
  for (int i = 0; i < 4; ++i) {
    if (i % 2) ImGui::SameLine(0, 6);
    const std::string k = kKinds[i];
    if (button(("office.complaint.kind." + k).c_str(), kindLabel(k),
               g_c.kind == k ? ButtonStyle::Primary : ButtonStyle::Secondary, half, 56)) {
      g_c.kind = k;
      g_c.kindError.reset();
    }
  }
  if (g_c.kindError) {
    text("office.complaint.kind.error", tr(*g_c.kindError), theme::kDanger);
    if (!g_c.venueError) revealHere();
  }
  textField("office.complaint.note", tr(Str::OfficeComplaintNote), g_c.note, platform::InputMode::Text, "", nullptr);
  // The second tap of a double tap lands on the form the first one just recorded and emptied: it
  // is no new complaint, and "choose the venue" would hide that it was recorded.
  const bool justRecorded = !g_c.recordedName.empty() && g_c.venue.code.empty() && g_c.kind.empty() &&
                            s.nowMs - g_c.recordedAtMs < 5000;
  if (button("office.complaint.send", g_c.busy ? tr(Str::Loading) : tr(Str::OfficeComplaintSend)) && !g_c.busy &&
      !justRecorded) {
    g_c.venueError = g_c.venue.code.empty() ? std::optional(Str::OfficeComplaintChooseVenue) : std::nullopt;
    g_c.kindError = g_c.kind.empty() ? std::optional(Str::OfficeComplaintChooseKind) : std::nullopt;
    g_c.error.reset();
    g_c.revealError = g_c.venueError || g_c.kindError;
    s.changed = true;
    if (!g_c.venueError && !g_c.kindError) {
      g_c.busy = true;
      platform::textFieldBlur();  // the note is written: the keyboard hid "Đã ghi phản ánh"
      const std::string name = g_c.venue.label;
      s.client.fileComplaint({g_c.venue.code, g_c.kind, text::squeezeSpaces(g_c.note)},
                             [&s, name, recorded](const client::OfficeStatus& r) {
                               g_c.busy = false;
                               if (!r.ok()) {
                                 g_c.error = failureKey(r.error);
                                 return;
                               }
                               g_c.recordedName = name;
                               g_c.recordedAtMs = s.nowMs;
                               g_c.venue.clear();
                               g_c.kind.clear();
                               g_c.note.clear();
                               recorded();
                             });
    }
  }
  // Said under the button tapped (the form stays open, emptied, for the next call).
  if (!g_c.recordedName.empty() && !g_c.busy)
    text("office.complaint.done", std::string(tr(Str::OfficeComplaintRecorded)) + " " + g_c.recordedName, theme::kIn,
         fonts().bold);
  if (g_c.error) banner("office.complaint.error", tr(*g_c.error), theme::kDanger);
  ImGui::Dummy(ImVec2(1, 8));
}

}  // namespace diemquet::ui::office
