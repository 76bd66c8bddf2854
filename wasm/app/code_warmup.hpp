// A face's first frame, built once off the page's main thread (issue #15, step 4).
//
// V8 compiles a WebAssembly function when it is first called, on the thread that calls it. A
// face's first frame calls hundreds of functions for the first time (ImGui's layout, text and
// drawing, our widgets): measured here, 50-100 ms of the page's main thread in that frame and
// in the step before it, against 14-22 ms with every function compiled ahead. The font worker
// (web/font-baker.js) runs the same module from the same bytes, and V8 keeps one compiled copy
// of a module for the page and its workers: a frame built there first leaves its code compiled
// when the page builds its own.
#pragma once
#include <string>

#include "modes.hpp"

namespace diemquet::app {

// Builds one frame of the widgets every face draws (text, buttons of each style, a text field,
// banners, a scrolled body), then one of `face` (the face's own screens, made as dq_boot makes
// them), at a phone's size with the fonts of `bake` (bakeFonts), in an ImGui context of its own
// that is then destroyed. Draws nothing (no GL) and changes nothing the page sees: in the
// worker, the module's state is the worker's own.
void warmFrameCode(const std::string& bake, ui::ModeUi* face);

}  // namespace diemquet::app
