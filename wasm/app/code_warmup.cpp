// The first frame's code, run once in the font worker (code_warmup.hpp).
#include "code_warmup.hpp"

#include <imgui.h>

#include <cstdint>

#include "app_fonts.hpp"
#include "probe.hpp"
#include "text_input.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace diemquet::app {

namespace {

// What the faces' screens draw, in their kinds: every widget once, in a scrolled body under a
// bar, as visitor_ui.cpp, station_ui.cpp and office_ui.cpp lay theirs out.
void sampleScreen() {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(size);
  ImGui::Begin("warmup", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::BeginChild("warmup.body", ImVec2(0, -ui::theme::kTouch), false);
  ui::text("warmup.title", "Khai báo y tế — Chợ Bến Thành", ui::theme::kText, ui::fonts().title);
  ui::text("warmup.text", "Nguyễn Thị Hương · 07:15 · Cổng chính");
  ui::banner("warmup.banner", "Đã lưu ✓", ui::theme::kText);
  ui::bannerFitted("warmup.fitted", "→ ĐÃ VÀO · ", "Trần Thị Bình", " · 07:16", 80.0f, ui::theme::kText);
  std::string value = "Lê Văn Tám";
  ui::textField("warmup.field", "Họ và tên", value, platform::InputMode::Text, "Nhập họ tên", "Thiếu họ tên");
  int selected = 0;
  ui::twoWay("warmup.way", "VÀO", "RA", selected, ui::theme::kText, ui::theme::kText);
  ui::statCard("warmup.stat", "Đang ở trong", 42, ui::theme::kText, 100.0f);
  for (ui::ButtonStyle style : {ui::ButtonStyle::Primary, ui::ButtonStyle::Secondary, ui::ButtonStyle::Danger,
                                ui::ButtonStyle::Quiet})
    ui::button("warmup.button", "Khai báo vào", style);
  ImGui::Separator();
  ImGui::EndChild();
  ui::button("warmup.tab", "Quét", ui::ButtonStyle::Secondary, size.x / 4, ui::theme::kTouch, true);
  ImGui::End();
}

}  // namespace

void warmFrameCode(const std::string& bake, ui::ModeUi* face) {
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImGuiContext* own = ImGui::CreateContext();
  ImGui::SetCurrentContext(own);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  // Without a bake (the page had one kept from an earlier start), ImGui's own small font: the
  // code run is the same, only the letters' sizes differ.
  bool fonts = useBakedFonts(reinterpret_cast<const uint8_t*>(bake.data()), bake.size());
  if (!fonts) {
    io.Fonts->Clear();
    ui::Fonts& f = ui::fonts();
    f.body = f.bold = f.big = f.title = io.Fonts->AddFontDefault();
    fonts = io.Fonts->Build();
  }
  if (fonts) {
    ui::applyTheme();
    io.DisplaySize = ImVec2(360, 740);
    io.DeltaTime = 1.0f / 60.0f;
    // The widgets, then the face's first screen, each as the main loop builds a frame.
    for (int i = 0; i < (face ? 2 : 1); ++i) {
      ImGui::NewFrame();
      ui::probe::beginFrame();
      platform::textFieldsBeginFrame();
      if (i == 0) sampleScreen();
      else face->frame(true);
      ImGui::Render();
      ui::probe::scanDrawData(ImGui::GetDrawData());
      ui::probe::endFrame();
    }
  }
  ImGui::DestroyContext(own);
  ImGui::SetCurrentContext(previous);
}

}  // namespace diemquet::app
