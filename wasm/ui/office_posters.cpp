// Office: a venue's posters printed at the commune office (a citizen reported it has none, or
// its owner came without a smartphone). On the Cơ sở tab the venue is found by name within the
// officer's area; on a complaint about a poster the button is on the complaint. Either saves the
// same posters its station prints (GET /api/v1/office/venues/{id}/posters.pdf): the QR codes
// already on its walls stay valid.
#include <imgui.h>

#include <optional>

#include "i18n.hpp"
#include "office_state.hpp"
#include "widgets.hpp"

namespace diemquet::ui::office {

namespace {

// A second tap this soon after a download began, on the same button, is a double tap's: one file.
constexpr int64_t kSecondTapMs = 2000;

// The last download begun, from whichever button: its outcome is said under that button only.
struct PosterDownload {
  std::string widget, venueId, doneName;
  std::optional<Str> error;  // a key, worded when drawn (it follows a language switch)
  bool busy = false;
  int64_t startedAtMs = 0;
} g_d;

struct PostersForm {
  AreaPicker venue;  // the area picker's list, over the officer's venues (code = venue id)
  std::optional<Str> venueError;
} g_p;

// The API's refusal in words: what the officer can do about it.
Str refusalKey(const client::OfficeStatus& r) {
  if (r.errorCode == "no_scan_points") return Str::OfficePostersNoScanPoints;
  if (r.errorCode == "venue_rejected") return Str::OfficePostersRejected;
  if (r.errorCode == "outside_area") return Str::OfficePostersOutsideArea;
  if (r.errorCode == "not_found") return Str::OfficePostersNotFound;
  if (r.errorCode == "invalid_scan_point_id") return Str::PosterBadIds;
  return failureKey(r);
}

}  // namespace

bool venuePostersButton(OfficeState& s, const std::string& widget, const std::string& venueId,
                        const std::string& venueName) {
  const bool mine = g_d.widget == widget;
  const bool tapped = button(widget.c_str(), mine && g_d.busy ? tr(Str::PosterDownloading) : tr(Str::PosterDownload),
                             ButtonStyle::Secondary, -1, 48);
  const bool secondTap = mine && g_d.venueId == venueId && s.nowMs - g_d.startedAtMs < kSecondTapMs;
  const bool chooseFirst = tapped && venueId.empty();
  if (tapped && !venueId.empty() && !g_d.busy && !secondTap) {
    s.changed = true;
    g_d = PosterDownload{widget, venueId, "", std::nullopt, true, s.nowMs};
    // Named for the venue's id, in the office's language.
    const std::string file = std::string(language() == Lang::En ? "poster-" : "ap-phich-") + venueId + ".pdf";
    s.client.downloadPosters(venueId, file, [venueName](const client::OfficeStatus& r) {
      g_d.busy = false;
      if (!r.ok()) {
        g_d.error = refusalKey(r);
        return;
      }
      g_d.doneName = venueName;
    });
  }
  if (g_d.widget == widget && !g_d.busy) {
    if (!g_d.doneName.empty())
      text((widget + ".done").c_str(),
           std::string(tr(Str::OfficePostersDone)) + " " + g_d.doneName + ". " + tr(Str::OfficePostersPrint),
           theme::kIn, fonts().bold);
    if (g_d.error) banner((widget + ".error").c_str(), tr(*g_d.error), theme::kDanger);
  }
  return chooseFirst;
}

void drawVenuePosters(OfficeState& s) {
  static const std::string kButton = "office.posters.download";
  if (g_p.venue.within != s.areaCode) {  // another officer: nothing of the last one's choice
    g_p = PostersForm{};
    g_p.venue.level.clear();
    g_p.venue.within = s.areaCode;
    g_d = PosterDownload{};
  }
  text("office.posters.title", tr(Str::OfficePostersTitle), theme::kText, fonts().bold);
  text("office.posters.hint", tr(Str::OfficePostersHint), theme::kMuted);
  if (areaPicker("office.posters.venue", tr(Str::OfficePostersVenue), g_p.venue, venueFetch(s), trIf(g_p.venueError),
                 tr(Str::OfficeComplaintVenueHint), tr(Str::OfficeComplaintNoVenue)))
    g_p.venueError.reset();
  // The choice undone to search again, or another venue chosen: what was said about the last goes.
  if (g_d.widget == kButton && !g_d.busy && g_d.venueId != g_p.venue.code) g_d = PosterDownload{};
  if (venuePostersButton(s, kButton, g_p.venue.code, g_p.venue.label)) {
    g_p.venueError = Str::OfficePostersChooseVenue;
    s.changed = true;
  }
  ImGui::Dummy(ImVec2(1, 12));
}

}  // namespace diemquet::ui::office
