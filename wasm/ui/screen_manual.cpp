// The manual check-in form: the fallback when there is no QR to scan.
#include <imgui.h>

#include <algorithm>
#include <utility>

#include "i18n.hpp"
#include "probe.hpp"
#include "services.hpp"
#include "station_ui.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {
const char* fieldError(const UiState& ui, const char* field) {
  const Error* e = ui.manualErrors.forField(field);
  return e ? errorText(e->kind) : nullptr;
}
}  // namespace

// The pass, large enough to scan from the screen, with the name under it.
void drawPass(UiState& ui) {
  text("pass.title", tr(Str::PassTitle), theme::kText, fonts().bold);
  const poster::QrMatrix& m = ui.passQr;
  float w = ImGui::GetContentRegionAvail().x;
  float side = std::min(w, 320.0f);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (w - side) / 2);
  ImGui::InvisibleButton("##pass", ImVec2(side, side));
  ImVec2 a = ImGui::GetItemRectMin();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, ImVec2(a.x + side, a.y + side), IM_COL32_WHITE);
  float cell = side / float(m.side + 8);
  for (int y = 0; y < m.side; ++y)
    for (int x = 0; x < m.side; ++x)
      if (m.dark(x, y))
        dl->AddRectFilled(ImVec2(a.x + (x + 4) * cell, a.y + (y + 4) * cell),
                          ImVec2(a.x + (x + 5) * cell, a.y + (y + 5) * cell), IM_COL32_BLACK);
  probe::add("qr", "pass.qr", ui.pass->text, a.x, a.y, side, side);
  text("pass.name", ui.pass->pass.name, theme::kText, fonts().title);
  text("pass.hint", tr(Str::PassHint), theme::kMuted);
  if (button("pass.download", tr(Str::PassDownload), ButtonStyle::Secondary) && services().files)
    services().files->saveBytes("the-khach-" + ui.pass->pass.passId + ".svg", "image/svg+xml",
                                visitorPassSvg(*ui.pass));
  if (button("pass.done", tr(Str::Done))) ui.pass.reset();
}

void drawManual(StationSession& session, UiState& ui) {
  if (ui.pass) {
    drawPass(ui);
    return;
  }
  // After "Lưu" the outcome is at the top of the form: show it there, not under the top bar
  // where a form scrolled down to "Lưu" would leave it.
  if (std::exchange(ui.manualScrollTop, false)) ImGui::SetScrollY(0);
  // The title's place holds the last save's status: "Lưu" stays where it is when it comes and goes.
  drawSaveStatusFixed(session, 76, tr(Str::ManualTitle), ui.manualErrors.errors.empty() ? nullptr : tr(Str::FixBelow));
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
  // Phone and time side by side: the whole form and "Lưu" fit a 360×740 screen.
  float half = (ImGui::GetContentRegionAvail().x - theme::kGap) / 2;
  ImGui::BeginGroup();
  clearOn(textField("field.phone", tr(Str::FieldPhone), ui.phone, InputMode::Tel, "0901234567",
                    fieldError(ui, "phone"), half), "phone");
  ImGui::EndGroup();
  ImGui::SameLine(0, theme::kGap);
  ImGui::BeginGroup();
  clearOn(textField("field.time", tr(Str::FieldTime), ui.time, InputMode::Time, tr(Str::TimePlaceholder),
                    fieldError(ui, "time"), half), "time");
  ImGui::EndGroup();
  text("manual.directionLabel", tr(Str::Direction), theme::kMuted);
  twoWay("manual.direction", tr(Str::DirIn), tr(Str::DirOut), ui.direction, theme::kIn, theme::kOut);
  ImGui::Dummy(ImVec2(1, 4));
  bool saving = session.saveStatus().state == SaveStatus::State::Saving;
  // The second tap of a double tap lands on the form the first one just saved and emptied:
  // it is no new entry (and must not turn "Đã lưu" into "not saved").
  // Told by the save it made, still shown, within 5 s of the phone's clock: frames can be slow
  // on a busy phone, so a count of frame time (ImGui's) let a fast second tap through.
  const SaveStatus& last = session.saveStatus();
  const bool justSaved = last.serial == ui.manualSavedSerial && !last.undone &&
                         (last.state == SaveStatus::State::Saving || last.state == SaveStatus::State::Saved ||
                          last.state == SaveStatus::State::Repeat) &&
                         session.now().utcMs - ui.manualSavedAtMs < 5000 && ui.name.empty() &&
                         ui.cccd.empty() && ui.phone.empty() && ui.time.empty();
  if (button("manual.save", tr(saving ? Str::Saving : Str::Save), ButtonStyle::Primary, -1, 64) && !saving &&
      !justSaved) {
    ManualEntry e{ui.name, ui.cccd, ui.phone, ui.time, ui.direction == 0 ? Direction::In : Direction::Out};
    ui.manualScrollTop = true;
    // A repeat of the person's entry moments ago (here or on another phone at this gate) is
    // done as a save is: the band says so, the form is ready for the next person.
    if (session.submitManual(e, ui.manualErrors) || session.saveStatus().state == SaveStatus::State::Repeat) {
      ui.name.clear();
      ui.cccd.clear();
      ui.phone.clear();
      ui.time.clear();
      ui.direction = 0;
      ui.manualErrors.errors.clear();
      ui.manualSavedSerial = session.saveStatus().serial;
      ui.manualSavedAtMs = session.now().utcMs;
      platform::textFieldBlur();
    }
  }
  // A pass for a regular visitor without a card QR: scanned next time instead of typing.
  if (button("manual.makePass", tr(Str::MakePass), ButtonStyle::Secondary)) {
    unsigned char r[10];
    randomBytes(r, sizeof r);
    auto issued = issueVisitorPass(ui.name, ui.phone, 0, r);
    ui.manualErrors.errors.clear();
    if (!issued) {
      ui.manualErrors.errors.push_back(issued.error());
    } else if (auto qr = poster::encodeQr(issued->text)) {
      ui.pass = issued.value();
      ui.passQr = qr.value();
      platform::textFieldBlur();
    }
  }
}

}  // namespace diemquet::ui
