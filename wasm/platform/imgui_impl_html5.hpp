// Dear ImGui platform backend for the browser (emscripten/html5.h), in the manner of
// ImGui's backends/: mouse, touch and wheel in, canvas sized to CSS size × devicePixelRatio.
// ImGui works in CSS pixels; the framebuffer is in device pixels, so text stays crisp.
// Touch: a tap is a click; a vertical drag scrolls (ImGui 1.86 has no touch scrolling).
#pragma once

namespace diemquet::platform {

bool imguiHtml5Init(const char* canvasSelector);
// Resizes the canvas if needed and feeds ImGui this frame's input. At most one button
// transition per frame, so a fast tap (down and up between two frames) is never lost.
void imguiHtml5NewFrame();
float devicePixelRatio();
// True if any input arrived since the last call (the app renders only when something moved).
bool imguiHtml5TakeActivity();

}  // namespace diemquet::platform
