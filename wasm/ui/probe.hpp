// What the last frame showed, by stable id: widgets with their rectangles (CSS px) and texts.
// The end-to-end tests read it to find what to tap, and assert on what a person would see;
// it is the UI's own account of itself, like an accessibility tree.
#pragma once
#include <string>

namespace diemquet::ui::probe {

void beginFrame();
// kind: "button", "field", "text", "toggle"...; `text` is what the widget shows.
void add(const char* kind, const std::string& id, const std::string& text, float x, float y, float w, float h);
// The last completed frame as JSON: {"frame": n, "items": [{kind,id,text,x,y,w,h}...]}.
const std::string& lastFrameJson();
void endFrame();
// What a screen reader should hear of the last frame: the screen's title, the status line and
// every error, in drawing order (ids "*.title", "status.*", "*.error", "top.offline"),
// joined by ". ". The page's aria-live region shows it (wasm/app), so the canvas is not mute.
const std::string& lastFrameSpoken();

}  // namespace diemquet::ui::probe
