#include "widgets.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "glyph_fallback.hpp"
#include "probe.hpp"

namespace diemquet::ui {

namespace {

ImU32 darker(ImU32 c, float k) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(v.x * k, v.y * k, v.z * k, v.w));
}

void report(const char* kind, const char* id, const std::string& label) {
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  probe::add(kind, id, label, a.x, a.y, b.x - a.x, b.y - a.y);
  probe::noteItem(id);
}

// Centred text inside a rectangle, wrapped if needed; with `oneLine`, made smaller (down to
// 12 px) rather than wrapped.
// Returns the rectangle the text covers (min, size).
std::pair<ImVec2, ImVec2> centredText(ImDrawList* dl, ImFont* font, ImVec2 a, ImVec2 b, ImU32 col, const char* s,
                                      bool oneLine = false) {
  float size = fontPx(font);
  float wrap = b.x - a.x - 16;
  if (oneLine) {
    float natural = font->CalcTextSizeA(size, FLT_MAX, 0, s).x;
    float room = b.x - a.x - 8;
    if (natural > room) size = std::max(12.0f, size * room / natural);
    wrap = 0;
  }
  ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, wrap, s);
  ImVec2 p(a.x + (b.x - a.x - ts.x) * 0.5f, a.y + (b.y - a.y - ts.y) * 0.5f);
  dl->AddText(font, size, p, col, s, nullptr, wrap);
  return {p, ts};
}

}  // namespace

bool button(const char* id, const char* label, ButtonStyle style, float width, float height, bool oneLine) {
  float w = width < 0 ? ImGui::GetContentRegionAvail().x : width;
  ImGui::PushID(id);
  bool pressed = ImGui::InvisibleButton("##b", ImVec2(w, height));
  ImGui::PopID();
  bool held = ImGui::IsItemActive();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImU32 bg, fg, border = 0;
  switch (style) {
    case ButtonStyle::Primary: bg = theme::kPrimary; fg = IM_COL32_WHITE; break;
    case ButtonStyle::Danger: bg = theme::kDanger; fg = IM_COL32_WHITE; break;
    case ButtonStyle::Secondary: bg = theme::kCard; fg = theme::kPrimaryDark; border = theme::kPrimary; break;
    default: bg = IM_COL32(0, 0, 0, 0); fg = theme::kPrimaryDark; break;
  }
  if (held) bg = style == ButtonStyle::Quiet ? IM_COL32(0, 0, 0, 24) : darker(bg, 0.8f);
  dl->AddRectFilled(a, b, bg, theme::kRadius);
  if (border) dl->AddRect(a, b, border, theme::kRadius, 0, 2.0f);
  const std::string shown = drawable(fonts().bold, label);
  auto [tp, ts] = centredText(dl, fonts().bold, a, b, fg, shown.c_str(), oneLine);
  report("button", id, shown);
  // Where the label's lines are: a test can tell a label that wrapped or spills out.
  probe::add("label", std::string(id) + ".label", shown, tp.x, tp.y, ts.x, ts.y);
  return pressed;
}

bool textField(const char* id, const char* label, std::string& value, platform::InputMode mode,
               const char* placeholder, const char* error, float width) {
  ImGui::PushFont(fonts().body);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kMuted), "%s", label);
  ImGui::PopFont();
  bool changed = false;
  if (auto typed = platform::textFieldTakeInput(id)) {
    changed = *typed != value;
    value = *typed;
  }
  float w = width > 0 ? width : ImGui::GetContentRegionAvail().x;
  float wrapAt = ImGui::GetCursorPosX() + w;
  ImGui::PushID(id);
  ImGui::InvisibleButton("##f", ImVec2(w, theme::kTouch));
  ImGui::PopID();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  bool focused = platform::textFieldIsFocused(id);
  // Only the visible part of a field takes taps: a field scrolled under the bottom bar must not
  // catch a tap meant for the bar (the keyboard input would then sit over the bar).
  ImVec2 clipMin = ImGui::GetWindowDrawList()->GetClipRectMin(), clipMax = ImGui::GetWindowDrawList()->GetClipRectMax();
  float vy0 = std::max(a.y, clipMin.y), vy1 = std::min(b.y, clipMax.y);
  if (vy1 - vy0 >= 8) platform::textFieldRegister(id, a.x, vy0, b.x - a.x, vy1 - vy0, mode, value);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImU32 border = error ? theme::kDanger : focused ? theme::kPrimary : theme::kBorder;
  dl->AddRectFilled(a, b, theme::kCard, theme::kRadius);
  dl->AddRect(a, b, border, theme::kRadius, 0, focused || error ? 2.5f : 1.5f);
  ImFont* f = fonts().body;
  float fs = fontPx(f) * 1.1f;
  ImVec2 tp(a.x + 14, a.y + (b.y - a.y - fs) * 0.5f);
  dl->PushClipRect(ImVec2(a.x + 4, a.y), ImVec2(b.x - 4, b.y), true);
  // A password is drawn (and reported to the probe) as one bullet per character.
  std::string shown = drawable(f, value);
  if (mode == platform::InputMode::Password) {
    shown.clear();
    for (char c : value)
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) shown += "\xE2\x80\xA2";
  }
  if (value.empty() && !focused) {
    dl->AddText(f, fs, tp, theme::kBorder, placeholder);
  } else {
    ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, shown.c_str());
    // Keep the end of a long value (where the caret is) in view.
    float overflow = std::max(0.0f, ts.x - (b.x - a.x - 32));
    dl->AddText(f, fs, ImVec2(tp.x - overflow, tp.y), theme::kText, shown.c_str());
    if (focused && std::fmod(ImGui::GetTime(), 1.0) < 0.6) {
      float cx = tp.x - overflow + ts.x + 2;
      dl->AddLine(ImVec2(cx, a.y + 12), ImVec2(cx, b.y - 12), theme::kPrimary, 2.0f);
    }
  }
  dl->PopClipRect();
  report("field", id, shown);
  if (error) {
    ImGui::PushFont(fonts().body);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kDanger));
    ImGui::PushTextWrapPos(width > 0 ? wrapAt : 0.0f);
    ImGui::TextUnformatted(error);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    report("error", (std::string(id) + ".error").c_str(), error);
  }
  return changed;
}

bool twoWay(const char* id, const char* first, const char* second, int& selected, ImU32 firstColor,
            ImU32 secondColor) {
  float w = (ImGui::GetContentRegionAvail().x - theme::kGap) * 0.5f;
  bool changed = false;
  const char* labels[2] = {first, second};
  ImU32 colors[2] = {firstColor, secondColor};
  for (int i = 0; i < 2; ++i) {
    if (i) ImGui::SameLine();
    std::string sid = std::string(id) + (i ? ".1" : ".0");
    ImGui::PushID(sid.c_str());
    if (ImGui::InvisibleButton("##t", ImVec2(w, theme::kTouch)) && selected != i) {
      selected = i;
      changed = true;
    }
    ImGui::PopID();
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    bool on = selected == i;
    dl->AddRectFilled(a, b, on ? colors[i] : theme::kCard, theme::kRadius);
    dl->AddRect(a, b, on ? colors[i] : theme::kBorder, theme::kRadius, 0, 2.0f);
    const std::string shown = drawable(fonts().bold, labels[i]);
    centredText(dl, fonts().bold, a, b, on ? IM_COL32_WHITE : theme::kText, shown.c_str());
    report(on ? "toggle-on" : "toggle", sid.c_str(), shown);
  }
  return changed;
}

void text(const char* id, const std::string& s, ImU32 color, ImFont* font) {
  ImFont* f = font ? font : fonts().body;
  const std::string shown = drawable(f, s);
  ImGui::PushFont(f);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(shown.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  report("text", id, shown);
}

void statCard(const char* id, const char* caption, int value, ImU32 color, float width) {
  ImGui::PushID(id);
  ImGui::InvisibleButton("##c", ImVec2(width, 92));
  ImGui::PopID();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, theme::kCard, theme::kRadius);
  dl->AddRectFilled(a, ImVec2(a.x + 6, b.y), color, theme::kRadius, ImDrawFlags_RoundCornersLeft);
  std::string v = std::to_string(value);
  ImFont* big = fonts().big;
  ImVec2 vs = big->CalcTextSizeA(fontPx(big), FLT_MAX, 0, v.c_str());
  dl->AddText(big, fontPx(big), ImVec2(a.x + (b.x - a.x - vs.x) * 0.5f, a.y + 10), color, v.c_str());
  ImFont* f = fonts().body;
  float fs = fontPx(f) * 0.92f;
  const std::string shown = drawable(f, caption);
  ImVec2 cs = f->CalcTextSizeA(fs, FLT_MAX, b.x - a.x - 8, shown.c_str());
  dl->AddText(f, fs, ImVec2(a.x + std::max(4.0f, (b.x - a.x - cs.x) * 0.5f), b.y - cs.y - 10), theme::kMuted,
              shown.c_str(), nullptr, b.x - a.x - 8);
  report("stat", id, v + " " + shown);
}

void banner(const char* id, const std::string& s, ImU32 bg, ImU32 fg) {
  float w = ImGui::GetContentRegionAvail().x;
  ImFont* f = fonts().bold;
  const std::string shown = drawable(f, s);
  ImVec2 ts = f->CalcTextSizeA(fontPx(f), FLT_MAX, w - 28, shown.c_str());
  ImGui::PushID(id);
  ImGui::InvisibleButton("##n", ImVec2(w, std::max(theme::kTouch - 8, ts.y + 24)));
  ImGui::PopID();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, bg, theme::kRadius);
  dl->AddText(f, fontPx(f), ImVec2(a.x + 14, a.y + (b.y - a.y - ts.y) * 0.5f), fg, shown.c_str(), nullptr, w - 28);
  report("banner", id, shown);
}

}  // namespace diemquet::ui
