// Station ↔ venue poster: binding (pasted link or scanned poster), the poster PDF download and
// the key ring refresh. See screen_binding.hpp.
#include "screen_binding.hpp"

#include <imgui.h>

#include <algorithm>
#include <functional>
#include <optional>

#include "i18n.hpp"
#include "poster/signed_url.hpp"
#include "services.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {

using visitor::PosterVerdict;

// What the last bind attempt did. Kept as what happened, not as words: the banner is worded
// when drawn, in the current language and with the station's current names (kept as text, it
// stayed Vietnamese after a switch to English).
enum class BindOutcome {
  None,
  Bound,           // the station now serves the poster's venue and scan point
  AlreadyBound,    // a genuine poster of the venue and scan point it already served
  Refused,         // not a genuine poster (or an unknown code): nothing changed
  StorageFailed,   // genuine, but the settings could not be saved
};

// What the section remembers between frames.
struct BindingState {
  std::string pasted;
  std::optional<Str> pasteError;  // why a typed code or link was refused: shown under the field
  // The last bind attempt's outcome, shown as a banner for a while.
  BindOutcome outcome = BindOutcome::None;
  double resultAt = -100;
  std::string offerUrl;  // the poster the Scan screen last offered; reset when a new one is read
  bool offerBound = false;
  // Poster PDF download.
  // What the last download said, as a key: translated when drawn, so it follows the language
  // (kept as the Vietnamese text, it stayed Vietnamese on an English screen).
  std::optional<Str> downloadMsg;
  bool downloadOk = false;
  bool downloading = false;
  bool codeInFlight = false;  // a venue code is being looked up
  bool online = false;        // as the last tick saw it
  bool settingsChanged = false;  // a bind committed: the Settings form reloads its fields
} g_bind;

// The app's clients (main_station.cpp): the key ring, venue names and codes; poster files.
client::KeyRingClient* g_keys = nullptr;
client::Downloader* g_files = nullptr;

std::string freshDeviceId(const Station& st) {
  if (st.hasDeviceId()) return {};
  unsigned char r[16];
  randomBytes(r, sizeof r);
  return Station::makeDeviceId(r);
}

// Bound without an enrollment code, scans go nowhere: said right there, with where the code goes.
std::string boundText(const StationSession& session) {
  const StationSettings& s = session.station().settings();
  std::string t = std::string(tr(Str::BindDone)) + ": " + s.venue.name + " · " + s.scanPoint.name + ".";
  if (!session.station().enrollment()) t += std::string(" ") + tr(Str::BindNoCode);
  return t;
}

// The server's names for a venue (GET …/posters/info, kept as dqv.venue), asked once per venue
// while online; `then` runs after they are stored.
void fetchNames(const std::string& venueId, std::function<void()> then = nullptr) {
  if (g_keys) g_keys->fetchVenueNames(venueId, g_bind.online, std::move(then));
}

// A bind made with the ids printed in the URL (no names yet) is made again once they arrive.
void fetchNamesThenRebind(StationSession& session, const std::string& url, const std::string& venueId) {
  fetchNames(venueId, [&session, url] {
    session.bindToPoster(url, {}, [&session](bool saved) {
      if (!saved) return;
      g_bind.settingsChanged = true;
      if (g_bind.outcome == BindOutcome::AlreadyBound) g_bind.outcome = BindOutcome::Bound;  // the names changed
    });
  });
}

// Verifies offline and binds; the outcome goes to the banner (for a refused poster: that
// nothing changed; the caller shows why).
visitor::PosterCheck bindStation(StationSession& session, const std::string& url) {
  std::string clean(text::squeezeSpaces(url));
  StationSettings before = session.station().settings();
  visitor::PosterCheck check = session.bindToPoster(clean, freshDeviceId(session.station()), [&session, before](bool ok) {
    g_bind.settingsChanged = ok;
    g_bind.outcome = !ok                                     ? BindOutcome::StorageFailed
                     : session.station().settings() == before ? BindOutcome::AlreadyBound
                                                              : BindOutcome::Bound;
    g_bind.resultAt = ImGui::GetTime();
  });
  if (!check.ok()) {
    g_bind.outcome = BindOutcome::Refused;
    g_bind.resultAt = ImGui::GetTime();
    return check;
  }
  fetchNamesThenRebind(session, clean, check.ref.venueId);
  return check;
}

// The venue code printed under the QR ("34M-FPJ"): the server gives the poster's signed link,
// which is then verified offline like a pasted one. A code shared by several venues is
// resolved to the one this station is enrolled at, else refused (scanning is unambiguous).
void bindByShortCode(StationSession& session, const std::string& code) {
  auto refuse = [](Str why) {
    g_bind.pasteError = why;
    g_bind.outcome = BindOutcome::Refused;
    g_bind.resultAt = ImGui::GetTime();
  };
  if (!g_bind.online || !g_keys) return refuse(Str::BindCodeOffline);
  g_bind.codeInFlight = true;
  const auto& enrolled = session.station().enrollment();
  g_keys->lookupShortCode(code, enrolled ? enrolled->venue.id : std::string(),
                          [&session, refuse](const client::ShortCodeAnswer& a) {
                            g_bind.codeInFlight = false;
                            switch (a.outcome) {
                              case client::ShortCodeOutcome::Offline:
                                return refuse(Str::BindCodeOffline);
                              case client::ShortCodeOutcome::Unknown:
                                return refuse(Str::BindCodeUnknown);
                              case client::ShortCodeOutcome::Ambiguous:
                                return refuse(Str::BindCodeAmbiguous);
                              case client::ShortCodeOutcome::Found:
                                break;
                            }
                            visitor::PosterCheck check = bindStation(session, a.url);
                            if (check.ok())
                              g_bind.pasted.clear();
                            else
                              g_bind.pasteError = posterVerdictKey(check.verdict);
                          });
}

void resultBanner(const StationSession& session, const char* id) {
  if (g_bind.outcome == BindOutcome::None || ImGui::GetTime() - g_bind.resultAt > 30) return;
  switch (g_bind.outcome) {
    case BindOutcome::Bound: return banner(id, boundText(session), theme::kIn);
    case BindOutcome::AlreadyBound:
      return banner(id, boundText(session) + " " + tr(Str::BindUnchanged), theme::kIn);
    case BindOutcome::Refused: return banner(id, tr(Str::BindUnchanged), theme::kDanger);
    case BindOutcome::StorageFailed: return banner(id, tr(Str::BindStorage), theme::kDanger);
    case BindOutcome::None: return;
  }
}

// GET the venue's posters again; if none were issued yet (or their key was revoked), issue them.
void downloadPosters(const StationEnrolled& e) {
  g_bind.downloading = true;
  g_bind.downloadMsg = Str::PosterDownloading;
  std::string path = "/api/v1/venues/" + e.venue.id + "/posters";
  std::string name = "diemquet-poster-" + e.venue.id + ".pdf";
  auto finish = [](int status) {
    g_bind.downloading = false;
    g_bind.downloadOk = status >= 200 && status < 300;
    g_bind.downloadMsg = g_bind.downloadOk                ? Str::PosterDownloaded
                         : status == 0                    ? Str::PosterOffline
                         : status == 401 || status == 403 ? Str::PosterNotAllowed
                         : status == 409                  ? Str::PosterBadIds
                                                          : Str::PosterServerError;
  };
  if (!g_files) return finish(0);
  g_files->fetchToFile("GET", path, e.token, name, false, [path, token = e.token, name, finish](int status) {
    if (status != 404 && status != 409) return finish(status);
    g_files->fetchToFile("POST", path, token, name, false, finish);
  });
}

}  // namespace

std::optional<Str> posterVerdictKey(PosterVerdict v) {
  switch (v) {
    case PosterVerdict::Genuine: return std::nullopt;
    case PosterVerdict::NoKeyRing: return Str::BindNoKeyRing;
    case PosterVerdict::Malformed: return Str::BindMalformed;
    case PosterVerdict::UnknownKey: return Str::BindUnknownKey;
    case PosterVerdict::Forged: return Str::BindForged;
    case PosterVerdict::Revoked: return Str::BindRevoked;
    case PosterVerdict::NotYetValid: return Str::BindNotYetValid;
    case PosterVerdict::Expired: return Str::BindExpired;
  }
  return std::nullopt;
}

const char* posterVerdictText(PosterVerdict v) {
  const char* t = trIf(posterVerdictKey(v));
  return t ? t : "";
}

bool drawPosterBinding(StationSession& session) {
  text("binding.title", tr(Str::BindTitle), theme::kText, fonts().bold);
  text("binding.hint", tr(Str::BindHint), theme::kMuted);
  if (textField("binding.url", tr(Str::BindPaste), g_bind.pasted, platform::InputMode::Text, "34M-FPJ",
                trIf(g_bind.pasteError))) {
    g_bind.pasteError.reset();
    g_bind.outcome = BindOutcome::None;  // a new link: the old verdict no longer applies
  }
  if (button("binding.bind", tr(Str::BindButton), ButtonStyle::Secondary) && !g_bind.pasted.empty() &&
      !g_bind.codeInFlight) {
    platform::textFieldBlur();
    // The code alone, or the address printed with it ("…/c/34M-FPJ").
    std::string typed = g_bind.pasted;
    if (auto at = typed.rfind("/c/"); at != std::string::npos) typed = typed.substr(at + 3);
    if (auto code = poster::normalizeShortCode(typed)) {
      bindByShortCode(session, *code);
    } else {
      visitor::PosterCheck check = bindStation(session, g_bind.pasted);
      if (check.ok())
        g_bind.pasted.clear();
      else
        g_bind.pasteError = posterVerdictKey(check.verdict);  // why, under the link
    }
  }
  resultBanner(session, "binding.result");

  bool changed = g_bind.settingsChanged;
  g_bind.settingsChanged = false;
  const auto& enrolled = session.station().enrollment();
  if (!enrolled) return changed;
  // The outcome goes in a slot of two lines above the button, not under it: drawn under the
  // button it fell under the bottom bar and was never seen; a fixed slot moves nothing.
  float y0 = ImGui::GetCursorPosY();
  const char* msg = tr(g_bind.downloadMsg.value_or(Str::PosterHint));
  text("binding.downloadStatus", msg,
       !g_bind.downloadMsg || g_bind.downloading ? theme::kMuted : g_bind.downloadOk ? theme::kIn : theme::kDanger);
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), y0 + 2 * ImGui::GetTextLineHeightWithSpacing() + 8));
  if (button("binding.download", tr(g_bind.downloading ? Str::PosterDownloading : Str::PosterDownload),
             ButtonStyle::Secondary) &&
      !g_bind.downloading)
    downloadPosters(*enrolled);
  return changed;
}

bool drawPosterOffer(StationSession& session, const std::string& posterUrl) {
  if (posterUrl != g_bind.offerUrl) {
    g_bind.offerUrl = posterUrl;
    g_bind.offerBound = false;
  }
  visitor::PosterCheck check;
  if (visitor::PosterTrust* trust = session.posterTrust())
    check = trust->check(posterUrl, poster::localYmd(session.now()));
  else
    check.verdict = PosterVerdict::NoKeyRing;
  if (!check.ok()) {
    banner("scan.poster", std::string(tr(Str::ScanPoster)) + " " + posterVerdictText(check.verdict), theme::kDanger);
    return false;
  }
  // Names as the server published them (asked for now if online), else the ids in the URL.
  fetchNames(check.ref.venueId);
  std::string venue = check.ref.venueId, point = check.ref.pointId;
  if (const visitor::VenueNames* n = session.posterTrust()->venue(check.ref.venueId)) {
    if (!n->venue.name.empty()) venue = n->venue.name;
    point = n->pointName(check.ref.pointId);
  }
  // Information, not an action: coloured text, not a filled bar (a blue bar read as a button
  // next to the real one below it).
  text("scan.poster", std::string(tr(Str::BindScanned)) + ": " + venue + " · " + point, theme::kIn, fonts().bold);
  if (g_bind.offerBound) {
    resultBanner(session, "scan.posterResult");
    return false;
  }
  if (!button("scan.bindPoster", tr(Str::BindOffer))) return false;
  g_bind.offerBound = true;
  bindStation(session, posterUrl);
  return true;
}

void setPosterClients(client::KeyRingClient* keys, client::Downloader* files) {
  g_keys = keys;
  g_files = files;
}

void refreshPosterKeys(StationSession& session, bool online) {
  g_bind.online = online;
  visitor::PosterTrust* trust = session.posterTrust();
  if (!trust || !online || !g_keys) return;
  // A station bound offline shows the ids printed on the poster; online again, the names.
  const StationSettings& cur = session.station().settings();
  if (!cur.venue.id.empty() && cur.venue.name == cur.venue.id && !trust->venue(cur.venue.id))
    fetchNames(cur.venue.id, [&session] {
      const StationSettings& was = session.station().settings();
      const visitor::VenueNames* n = session.posterTrust() ? session.posterTrust()->venue(was.venue.id) : nullptr;
      if (!n) return;
      StationSettings next = was;
      if (!n->venue.name.empty()) next.venue.name = n->venue.name;
      next.scanPoint.name = n->pointName(was.scanPoint.id);
      if (!(next == was)) session.saveSettings(next, [](bool ok) { g_bind.settingsChanged = ok; });
    });
  g_keys->tick(online);
}

}  // namespace diemquet::ui
