// What the last frame showed, by stable id: widgets with their rectangles (CSS px) and texts.
// The end-to-end tests read it to find what to tap, and assert on what a person would see;
// it is the UI's own account of itself, like an accessibility tree. It also reports what a
// person would see as broken: characters drawn with the atlas's fallback glyph.
#pragma once
#include <string>

struct ImDrawData;

namespace diemquet::ui::probe {

void beginFrame();
// kind: "button", "field", "text", "toggle", "bar" (a fixed top/bottom bar)...; `text` is
// what the widget shows. Every character of `text` the body face lacks is reported missing.
void add(const char* kind, const std::string& id, const std::string& text, float x, float y, float w, float h);
// Where the last tap landed, as the UI itself saw it: call right after a widget's ImGui item
// (widgets.cpp does for every widget it draws). The probe then reports the widget the last
// press activated and the one the last release clicked, with the press frame's layout, so a
// test can tell a tap that hit its target from one that hit whatever moved under the finger.
void noteItem(const std::string& id);
// A character a widget drew as a box because its face lacks it (ui/glyph_fallback.hpp calls
// this): listed as "boxed", so a test can tell a boxed emoji from a boxed combining mark (text
// that reached the screen un-normalised).
void noteBoxed(char32_t cp);
// Counts the glyph quads drawn with any font's fallback glyph (text no probe::add reported,
// faces with fewer glyphs than the body). Call after ImGui::Render(), before endFrame().
void scanDrawData(const ImDrawData* data);
// The last completed frame as JSON: {"frame": n, "items": [{kind,id,text,x,y,w,h}...],
// "missing": [{"id", "cp": "U+2713", "ch"}...], "boxed": ["U+1F338"...], "fallbackDrawn": quads,
// and since the page loaded: "missingEver" and "boxedEver" (the first few distinct),
// "fallbackEver", "press": {"seq", "frame", "x", "y", "id", "items"} (the last press: the widget
// it activated, "" for none, and every item of its frame), "release": {"seq", "frame", "id"}
// (the widget the last release clicked)}.
const std::string& lastFrameJson();
void endFrame();
// What a screen reader should hear of the last frame: the screen's title, the status line and
// every error, in drawing order (ids "*.title", "status.*", "*.error", "top.offline"),
// joined by ". ". The page's aria-live region shows it (wasm/app), so the canvas is not mute.
const std::string& lastFrameSpoken();

}  // namespace diemquet::ui::probe
