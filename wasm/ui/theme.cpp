#include "theme.hpp"

namespace diemquet::ui {

Fonts& fonts() {
  static Fonts f;
  return f;
}

void applyTheme() {
  ImGuiStyle& s = ImGui::GetStyle();
  ImGui::StyleColorsLight(&s);
  s.WindowPadding = ImVec2(theme::kPad, theme::kPad);
  s.FramePadding = ImVec2(12, 14);
  s.ItemSpacing = ImVec2(theme::kGap, theme::kGap);
  s.FrameRounding = theme::kRadius;
  s.WindowRounding = 0;
  s.ScrollbarSize = 6;
  s.WindowBorderSize = 0;
  s.FrameBorderSize = 1;
  s.TouchExtraPadding = ImVec2(4, 4);
  ImVec4* c = s.Colors;
  c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(theme::kBg);
  c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(theme::kText);
  c[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(theme::kBorder);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
}

}  // namespace diemquet::ui
