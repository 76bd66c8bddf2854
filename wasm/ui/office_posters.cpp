// Office, Cơ sở: a venue's posters printed at the commune office (a citizen reported it has
// none, or its owner came without a smartphone). The venue is found by name within the
// officer's area, then "Tải áp phích (PDF)" saves the same posters its station prints (GET
// /api/v1/office/venues/{id}/posters.pdf): the QR codes already on its walls stay valid.
#include <imgui.h>

#include <optional>

#include "i18n.hpp"
#include "office_state.hpp"
#include "widgets.hpp"

namespace diemquet::ui::office {

namespace {

constexpr size_t kVenuesShown = 6;
// A second tap this soon after a download began, on the same venue, is a double tap's: one file.
constexpr int64_t kSecondTapMs = 2000;

struct PostersForm {
  AreaPicker venue;                      // the area picker's list, over the officer's venues (code = venue id)
  std::optional<Str> venueError, error;  // keys, worded when drawn (they follow a language switch)
  bool busy = false;
  std::string startedFor, doneName;  // the venue of the last download begun; the one saved
  int64_t startedAtMs = 0;
} g_p;

AreaFetch venueFetch(OfficeState& s) {
  return
      [&s](const client::AreaSearch& search, std::function<void(bool, const std::vector<client::AreaChoice>&)> done) {
        s.client.findVenues(search.query, [done](const client::OfficeResult<std::vector<client::VenueFound>>& r) {
          std::vector<client::AreaChoice> found;
          for (const auto& v : r.value) {
            if (found.size() == kVenuesShown) break;
            found.push_back({v.id, v.name});
          }
          done(r.ok(), found);
        });
      };
}

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

void drawVenuePosters(OfficeState& s) {
  if (g_p.venue.within != s.areaCode) {  // another officer: nothing of the last one's choice
    g_p = PostersForm{};
    g_p.venue.level.clear();
    g_p.venue.within = s.areaCode;
  }
  text("office.posters.title", tr(Str::OfficePostersTitle), theme::kText, fonts().bold);
  text("office.posters.hint", tr(Str::OfficePostersHint), theme::kMuted);
  if (areaPicker("office.posters.venue", tr(Str::OfficePostersVenue), g_p.venue, venueFetch(s), trIf(g_p.venueError),
                 tr(Str::OfficeComplaintVenueHint), tr(Str::OfficeComplaintNoVenue))) {
    g_p.venueError.reset();
    g_p.error.reset();
    g_p.doneName.clear();
  }
  // The choice undone to search again: what was said about the last venue goes with it.
  if (g_p.venue.code.empty() && !g_p.busy) {
    g_p.error.reset();
    g_p.doneName.clear();
  }
  const bool secondTap = g_p.startedFor == g_p.venue.code && s.nowMs - g_p.startedAtMs < kSecondTapMs;
  if (button("office.posters.download", g_p.busy ? tr(Str::PosterDownloading) : tr(Str::PosterDownload),
             ButtonStyle::Secondary) &&
      !g_p.busy && !secondTap) {
    s.changed = true;
    g_p.error.reset();
    g_p.doneName.clear();
    g_p.venueError = g_p.venue.code.empty() ? std::optional(Str::OfficePostersChooseVenue) : std::nullopt;
    if (!g_p.venueError) {
      g_p.busy = true;
      g_p.startedFor = g_p.venue.code;
      g_p.startedAtMs = s.nowMs;
      const std::string name = g_p.venue.label;
      // Named for the venue's id as the station names it, in the office's language.
      const std::string file = std::string(language() == Lang::En ? "poster-" : "ap-phich-") + g_p.venue.code + ".pdf";
      s.client.downloadPosters(g_p.venue.code, file, [name](const client::OfficeStatus& r) {
        g_p.busy = false;
        if (!r.ok()) {
          g_p.error = refusalKey(r);
          return;
        }
        g_p.doneName = name;
      });
    }
  }
  if (!g_p.doneName.empty() && !g_p.busy)
    text("office.posters.done",
         std::string(tr(Str::OfficePostersDone)) + " " + g_p.doneName + ". " + tr(Str::OfficePostersPrint), theme::kIn,
         fonts().bold);
  if (g_p.error) banner("office.posters.error", tr(*g_p.error), theme::kDanger);
  ImGui::Dummy(ImVec2(1, 12));
}

}  // namespace diemquet::ui::office
