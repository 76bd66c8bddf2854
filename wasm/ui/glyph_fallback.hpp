// What the UI draws of a text that may come from a person or the network (a name pasted from a
// chat, a venue name from the server): a character the face has no glyph for becomes a white
// square, never ImGui's fallback glyph, which reads as "?" and looks like a broken app. The one
// glyph test of the UI: widgets draw through drawable(), and the probe reports with hasGlyph().
#pragma once
#include <string>
#include <string_view>

#include <imgui.h>

namespace diemquet::ui {

// True when `face` draws `cp` with a glyph of its own. Control characters count as drawn (ImGui
// skips them); U+FFFD is the atlas's fallback glyph itself, and nothing above U+FFFF fits
// ImGui's 16-bit ImWchar (it decodes an emoji as U+FFFD).
bool hasGlyph(const ImFont* face, char32_t cp);

// `s` as `face` can draw it: each character it lacks (and each malformed byte sequence) is a
// white square (U+25A1), or a middle dot in a face without one. Every substitution is reported
// to the probe, which lists what it boxed (a combining mark boxed means text reached the screen
// un-normalised). Returns `s` itself when nothing is missing.
std::string drawable(const ImFont* face, std::string_view s);

}  // namespace diemquet::ui
