// The station's widgets: large touch targets drawn with ImGui, each reported to the probe.
#pragma once
#include <string>

#include <imgui.h>

#include "text_input.hpp"
#include "theme.hpp"

namespace diemquet::ui {

enum class ButtonStyle { Primary, Secondary, Danger, Quiet };

// A full-width (width < 0) or fixed-width button at least kTouch tall. Its label wraps, or
// with `oneLine` is drawn smaller until it fits on one line (tabs of the bottom bar).
bool button(const char* id, const char* label, ButtonStyle style = ButtonStyle::Primary, float width = -1.0f,
            float height = theme::kTouch, bool oneLine = false);

// A labelled text field fed by the phone keyboard (see platform/text_input.hpp).
// Shows `error` in red under the field. Returns true when the value changed. `width` > 0: that
// wide (two fields side by side in groups), else the whole width.
bool textField(const char* id, const char* label, std::string& value, platform::InputMode mode,
               const char* placeholder, const char* error, float width = -1.0f);

// Two big options side by side; `selected` is 0 or 1. Returns true when changed.
bool twoWay(const char* id, const char* first, const char* second, int& selected, ImU32 firstColor, ImU32 secondColor);

// Wrapped text, reported to the probe under `id`.
void text(const char* id, const std::string& s, ImU32 color = theme::kText, ImFont* font = nullptr);

// A counter card: big number over a small caption.
void statCard(const char* id, const char* caption, int value, ImU32 color, float width);

// A coloured banner (status, warning) spanning the width.
void banner(const char* id, const std::string& s, ImU32 bg, ImU32 fg = IM_COL32_WHITE);

// Text made of a fixed `head` and `tail` around `name` (a person's or a venue's: any length),
// drawn with `face` at `px` and wrapped at `width`, in at most `maxH` px: the whole text if it
// fits, else with `name` shortened to "Nguyễn Thị Phương…", so what the text says about the
// name (the direction and time, what to do) stays in view. Empty when not even one letter of
// the name fits. Characters the face lacks are boxed (drawable()).
std::string fitText(ImFont* face, float px, const std::string& head, const std::string& name, const std::string& tail,
                    float width, float maxH);

// A banner in a slot `maxH` px tall (the save status's fixed slot): never taller, so it is never
// drawn over what lies below the slot. The name is shortened first (fitText), then the smaller
// face is used, and as a last resort the text is cut at its end with "…".
void bannerFitted(const char* id, const std::string& head, const std::string& name, const std::string& tail, float maxH,
                  ImU32 bg, ImU32 fg = IM_COL32_WHITE);

}  // namespace diemquet::ui
