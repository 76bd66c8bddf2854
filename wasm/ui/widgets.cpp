#include "widgets.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

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
    // The grey example, told apart from a value: tests check it reads as an example should.
    if (placeholder && *placeholder) {
      const ImVec2 ps = f->CalcTextSizeA(fs, FLT_MAX, 0, placeholder);
      probe::add("placeholder", std::string(id) + ".placeholder", placeholder, tp.x, tp.y, ps.x, ps.y);
    }
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

namespace {

constexpr float kBannerTextInset = 14;  // left and right of a banner's text
constexpr float kBannerMinPadY = 8;     // above and below its text, when a slot is tight

// Draws `shown` (already drawable) in a banner `maxH` tall at most (FLT_MAX: as tall as it needs).
void drawBanner(const char* id, const std::string& shown, ImFont* f, float px, float maxH, ImU32 bg, ImU32 fg) {
  float w = ImGui::GetContentRegionAvail().x;
  ImVec2 ts = f->CalcTextSizeA(px, FLT_MAX, w - 2 * kBannerTextInset, shown.c_str());
  ImGui::PushID(id);
  ImGui::InvisibleButton("##n", ImVec2(w, std::min(maxH, std::max(theme::kTouch - 8, ts.y + 24))));
  ImGui::PopID();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, bg, theme::kRadius);
  dl->AddText(f, px, ImVec2(a.x + kBannerTextInset, a.y + (b.y - a.y - ts.y) * 0.5f), fg, shown.c_str(), nullptr,
              w - 2 * kBannerTextInset);
  report("banner", id, shown);
}

// Byte offsets where a cut may fall in `s`: before each character, never between a letter and a
// combining mark (U+0300–U+036F) that follows it.
std::vector<size_t> cutPoints(const std::string& s) {
  std::vector<size_t> at;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i], next = i + 1 < s.size() ? s[i + 1] : 0;
    const bool mark = c == 0xCC || (c == 0xCD && next <= 0xAF);
    if (!mark) at.push_back(i);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  return at;
}

// The first part of `s`, up to byte `end`, without the spaces and separators left at the cut, then "…".
std::string shortened(const std::string& s, size_t end) {
  std::string out = s.substr(0, end);
  auto endsWithDot = [&] { return out.size() >= 2 && out.compare(out.size() - 2, 2, "\xC2\xB7") == 0; };  // "·"
  for (;;) {
    if (endsWithDot())
      out.resize(out.size() - 2);
    else if (!out.empty() && std::string_view(" ,.;:-").find(out.back()) != std::string_view::npos)
      out.pop_back();
    else
      break;
  }
  return out + "\xE2\x80\xA6";  // "…"
}

}  // namespace

void banner(const char* id, const std::string& s, ImU32 bg, ImU32 fg) {
  ImFont* f = fonts().bold;
  drawBanner(id, drawable(f, s), f, fontPx(f), FLT_MAX, bg, fg);
}

std::string fitText(ImFont* face, float px, const std::string& head, const std::string& name, const std::string& tail,
                    float width, float maxH) {
  const std::string h = drawable(face, head), n = drawable(face, name), t = drawable(face, tail);
  auto fits = [&](const std::string& s) { return face->CalcTextSizeA(px, FLT_MAX, width, s.c_str()).y <= maxH + 0.5f; };
  std::string whole = h + n + t;
  if (fits(whole)) return whole;
  // Longest first: wrapping at word ends makes the height not quite monotonic in the length.
  const std::vector<size_t> cuts = cutPoints(n);
  for (size_t k = cuts.size(); k-- > 1;) {
    std::string s = h + shortened(n, cuts[k]) + t;
    if (fits(s)) return s;
  }
  return {};
}

void bannerFitted(const char* id, const std::string& head, const std::string& name, const std::string& tail, float maxH,
                  ImU32 bg, ImU32 fg) {
  const float width = ImGui::GetContentRegionAvail().x - 2 * kBannerTextInset;
  const float textH = maxH - 2 * kBannerMinPadY;
  for (ImFont* f : {fonts().bold, fonts().body}) {
    std::string s = fitText(f, fontPx(f), head, name, tail, width, textH);
    if (!s.empty()) return drawBanner(id, s, f, fontPx(f), maxH, bg, fg);
  }
  // Not even "X…" with what is said about it: the text itself is cut, at its end.
  ImFont* f = fonts().body;
  std::string s = fitText(f, fontPx(f), "", drawable(f, head + name + tail), "", width, textH);
  drawBanner(id, s, f, fontPx(f), maxH, bg, fg);
}

}  // namespace diemquet::ui
