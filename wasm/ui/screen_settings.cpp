// Settings: the venue and scan point this phone serves, and the language.
#include <imgui.h>

#include "hex.hpp"
#include "i18n.hpp"
#include "probe.hpp"
#include "screen_binding.hpp"
#include "screen_kiosk.hpp"
#include "screen_sync.hpp"
#include "services.hpp"
#include "station_ui.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {
std::string newLocalId(const char* prefix) {
  unsigned char r[6];
  randomBytes(r, sizeof r);
  return prefix + toHex(r, sizeof r);
}
// Whether the browser may delete the journal on its own, and how to install the station so it
// will not: Safari evicts the data of sites unused for 7 days unless they are on the home
// screen, and iOS has no install prompt, so the steps are spelled out there.
void drawStorageAndInstall() {
  const Services& device = services();
  StorageKeep p = device.storageKeep();
  Str state = p == StorageKeep::Persistent ? Str::StoragePersistent
              : p == StorageKeep::Checking ? Str::StorageChecking
                                           : Str::StorageNotPersistent;
  text("settings.storage", tr(state), p == StorageKeep::Persistent ? theme::kIn : theme::kWarn, fonts().bold);
  if (p == StorageKeep::Persistent) return;
  text("settings.storageExplain", tr(Str::StorageExplain), theme::kMuted);
  if (p == StorageKeep::BestEffort && button("settings.storageAsk", tr(Str::StorageAsk), ButtonStyle::Secondary))
    device.askPersistentStorage();
  if (device.isInstalled()) return;
  text("settings.installTitle", tr(Str::InstallTitle), theme::kText, fonts().bold);
  text("settings.install", tr(device.isIos() ? Str::InstallIos : Str::InstallOther), theme::kMuted);
}
}  // namespace

void drawSettings(StationSession& session, UiState& ui) {
  const StationSettings& current = session.station().settings();
  // The form follows the station's settings whenever they change underneath it (enrolling with
  // a code, a poster, a scan point chosen above): it showed empty fields after enrolling, and
  // "Lưu cài đặt" refused them until a reload. The language is not compared: this form's own
  // switch changes it, and while that save committed the form reloaded, emptying what was
  // typed and clearing the errors staff were reading.
  StationSettings shown = ui.settingsShown;
  shown.language = current.language;
  if (!ui.settingsLoaded || !(current == shown)) {
    ui.venueName = current.venue.name;
    ui.scanPointName = current.scanPoint.name;
    ui.lang = current.language == "en" ? 1 : 0;
    ui.repeatMinutes = std::to_string(current.repeatWindowMinutes);
    ui.venueError = ui.scanPointError = ui.repeatError = std::nullopt;
    ui.settingsShown = current;
    ui.settingsLoaded = true;
  }
  text("settings.title", tr(Str::SettingsTitle), theme::kText, fonts().bold);
  drawSyncSettings(session);
  using platform::InputMode;
  if (textField("settings.venue", tr(Str::VenueName), ui.venueName, InputMode::Text, tr(Str::VenueNamePlaceholder),
                trIf(ui.venueError)))
    ui.venueError.reset();
  if (textField("settings.scanPoint", tr(Str::ScanPointName), ui.scanPointName, InputMode::Text,
                tr(Str::ScanPointPlaceholder), trIf(ui.scanPointError)))
    ui.scanPointError.reset();
  if (textField("settings.repeat", tr(Str::RepeatWindow), ui.repeatMinutes, InputMode::Numeric, "3", trIf(ui.repeatError)))
    ui.repeatError.reset();
  text("settings.repeatHint", tr(Str::RepeatWindowHint), theme::kMuted);
  text("settings.langLabel", tr(Str::Language), theme::kMuted);
  // The language applies at once (and is kept): staff should not need "Lưu" to read the screen.
  if (twoWay("settings.lang", "Tiếng Việt", "English", ui.lang, theme::kPrimary, theme::kPrimary)) {
    StationSettings next = current;
    next.language = ui.lang == 1 ? "en" : "vi";
    session.saveSettings(next);  // what is typed but not saved stays in the form
  }

  // "Đã lưu cài đặt" is said on the button itself for 4 s: as a banner above it, it pushed the
  // button under the bottom bar and let it jump back when it expired (a second tap on "Lưu"
  // landed on whatever had moved there).
  const bool justSaved = ImGui::GetTime() - ui.settingsSavedAt < 4;
  const bool tapped = button("settings.save", tr(justSaved ? Str::SettingsSaved : Str::SaveSettings));
  if (justSaved) {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    probe::add("banner", "settings.saved", tr(Str::SettingsSaved), a.x, a.y, b.x - a.x, b.y - a.y);
  }
  if (tapped) {
    std::string venue = text::squeezeSpaces(ui.venueName), point = text::squeezeSpaces(ui.scanPointName);
    ui.venueError = venue.empty() ? std::optional(Str::VenueRequired) : std::nullopt;
    ui.scanPointError = point.empty() ? std::optional(Str::ScanPointRequired) : std::nullopt;
    std::string minutes = text::digitsOnly(ui.repeatMinutes);
    int repeat = minutes.empty() || minutes.size() > 2 ? -1 : std::stoi(minutes);
    ui.repeatError = repeat < 0 || repeat > kMaxRepeatWindowMinutes || minutes.size() != text::squeezeSpaces(ui.repeatMinutes).size()
                         ? std::optional(Str::RepeatWindowBad)
                         : std::nullopt;
    if (!ui.venueError && !ui.scanPointError && !ui.repeatError) {
      StationSettings next = current;
      if (next.deviceId.empty()) {
        unsigned char r[16];
        randomBytes(r, sizeof r);
        next.deviceId = Station::makeDeviceId(r);
      }
      if (next.venue.id.empty()) next.venue.id = newLocalId("local-");
      if (next.scanPoint.id.empty()) next.scanPoint.id = newLocalId("sp-");
      next.venue.name = venue;
      next.scanPoint.name = point;
      next.scanPoint.venueId = next.venue.id;
      next.language = ui.lang == 1 ? "en" : "vi";
      next.repeatWindowMinutes = repeat;
      platform::textFieldBlur();
      session.saveSettings(next, [&ui](bool ok) {
        if (ok) ui.settingsSavedAt = ImGui::GetTime();
      });
    }
  }
  // Below the venue form, so the form and "Lưu cài đặt" stay where staff (and tests) find them.
  if (drawPosterBinding(session)) ui.settingsLoaded = false;  // a poster renamed the venue/scan point
  drawKioskSetup(session, ui);  // above the storage notes: the end of this page is hard to reach (TODO(#12))
  drawStorageAndInstall();
  std::string dev = std::string(tr(Str::DeviceId)) + ": " + (current.deviceId.empty() ? "—" : current.deviceId);
  text("settings.device", dev, theme::kMuted);
  if (session.station().damagedRecords() > 0)
    text("settings.damaged", std::string(tr(Str::DamagedRecords)) + ": " + std::to_string(session.station().damagedRecords()),
         theme::kWarn);
}

}  // namespace diemquet::ui
