// Sizes, colours and fonts of the station UI: big, high-contrast, one-hand friendly.
#pragma once
#include <imgui.h>

namespace diemquet::ui {

struct Fonts {
  ImFont* body = nullptr;   // 17 px
  ImFont* bold = nullptr;   // 20 px
  ImFont* big = nullptr;    // 36 px, digits for counters
  ImFont* title = nullptr;  // 26 px bold, the scanned person's name
};
Fonts& fonts();

// A font's size in CSS px (fonts are rasterised at the device pixel ratio, drawn at 1/dpr).
inline float fontPx(const ImFont* f) { return f->FontSize * ImGui::GetIO().FontGlobalScale; }

namespace theme {
constexpr float kTouch = 56.0f;   // height of buttons and fields (≥ 48 CSS px)
constexpr float kPad = 14.0f;
constexpr float kGap = 10.0f;
constexpr float kRadius = 10.0f;
const ImU32 kPrimary = IM_COL32(0, 102, 204, 255);
const ImU32 kPrimaryDark = IM_COL32(0, 76, 153, 255);
const ImU32 kIn = IM_COL32(22, 128, 61, 255);
const ImU32 kOut = IM_COL32(29, 78, 216, 255);
const ImU32 kDanger = IM_COL32(185, 28, 28, 255);
const ImU32 kWarn = IM_COL32(180, 83, 9, 255);
const ImU32 kText = IM_COL32(17, 24, 39, 255);
const ImU32 kMuted = IM_COL32(75, 85, 99, 255);
const ImU32 kCard = IM_COL32(255, 255, 255, 255);
const ImU32 kBg = IM_COL32(241, 245, 249, 255);
const ImU32 kBorder = IM_COL32(148, 163, 184, 255);
const ImU32 kOnline = IM_COL32(22, 163, 74, 255);
const ImU32 kOffline = IM_COL32(107, 114, 128, 255);
}  // namespace theme

void applyTheme();

}  // namespace diemquet::ui
