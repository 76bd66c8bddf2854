// The manual check-in form: the fallback when there is no QR to scan.
#include <imgui.h>

#include <algorithm>

#include "i18n.hpp"
#include "station_ui.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {
const char* fieldError(const UiState& ui, const char* field) {
  const Error* e = ui.manualErrors.forField(field);
  return e ? errorText(e->kind) : nullptr;
}
}  // namespace

void drawManual(StationSession& session, UiState& ui) {
  text("manual.title", tr(Str::ManualTitle), theme::kText, fonts().bold);
  drawSaveStatus(session);
  if (!session.station().isConfigured()) {
    banner("manual.notConfigured", errorText(ErrorKind::NotConfigured), theme::kWarn);
    if (button("manual.goSettings", tr(Str::GoToSettings))) ui.screen = Screen::Settings;
    return;
  }
  using platform::InputMode;
  // Editing a field clears its old error, so the message never outlives the mistake.
  auto clearOn = [&](bool changed, const char* field) {
    if (!changed) return;
    auto& v = ui.manualErrors.errors;
    v.erase(std::remove_if(v.begin(), v.end(), [&](const Error& e) { return e.field == field; }), v.end());
  };
  clearOn(textField("field.name", tr(Str::FieldName), ui.name, InputMode::Name, tr(Str::NamePlaceholder),
                    fieldError(ui, "name")), "name");
  clearOn(textField("field.cccd", tr(Str::FieldCccd), ui.cccd, InputMode::Numeric, "001099012345",
                    fieldError(ui, "cccd")), "cccd");
  clearOn(textField("field.phone", tr(Str::FieldPhone), ui.phone, InputMode::Tel, "0901234567",
                    fieldError(ui, "phone")), "phone");
  clearOn(textField("field.time", tr(Str::FieldTime), ui.time, InputMode::Time, tr(Str::TimePlaceholder),
                    fieldError(ui, "time")), "time");
  text("manual.directionLabel", tr(Str::Direction), theme::kMuted);
  twoWay("manual.direction", tr(Str::DirIn), tr(Str::DirOut), ui.direction, theme::kIn, theme::kOut);
  ImGui::Dummy(ImVec2(1, 4));
  bool saving = session.saveStatus().state == SaveStatus::State::Saving;
  if (button("manual.save", tr(saving ? Str::Saving : Str::Save), ButtonStyle::Primary, -1, 64) && !saving) {
    ManualEntry e{ui.name, ui.cccd, ui.phone, ui.time, ui.direction == 0 ? Direction::In : Direction::Out};
    if (session.submitManual(e, ui.manualErrors)) {
      ui.name.clear();
      ui.cccd.clear();
      ui.phone.clear();
      ui.time.clear();
      ui.direction = 0;
      ui.manualErrors.errors.clear();
      platform::textFieldBlur();
    }
  }
}

}  // namespace diemquet::ui
