// What every face's module shares: the WebGL2 context, Dear ImGui, the fonts, and the main
// loop that draws one ModeUi only when something changed. Each face's main_*.cpp wires its
// own state into it through FaceHooks, so a module links only what its face uses.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>

#include "modes.hpp"

namespace diemquet::app {

struct FaceHooks {
  // Every animation frame, drawn or not: work that must not wait for a redraw (sync uploads,
  // retention purge steps, poster keys).
  std::function<void(bool online)> tick;
  // Changes whenever something the screen shows changed (a save, a sync run).
  std::function<uint64_t()> version;
  // Saves being committed; while one is, frames are held back (see app_loop.cpp).
  std::function<int()> savesInFlight;
};

// Creates the WebGL2 context and ImGui on #canvas for `ui`. Returns 0, or -1 when the device
// has no WebGL2. The frames start with startFrames(), in a later task: the start is then
// several short pauses of the page, not one long one.
int startApp(std::unique_ptr<ui::ModeUi> ui, FaceHooks hooks);

// Starts the main loop drawing the booted face (dq_start_frames). Once; nothing before a boot.
void startFrames();

// A face's main_*.cpp: makes its screens and wires its state into `hooks`.
using WireFace = std::unique_ptr<ui::ModeUi> (*)(FaceHooks& hooks);

// dq_boot: wires the face and makes its context (startApp).
int bootFace(WireFace wire);

// dq_warm_frame, in the font worker after its bake (web/font-baker.js): wires the face as
// dq_boot does and builds one frame of it without a context, so the code of the page's first
// frame is compiled when the page runs it (code_warmup.hpp). No loop is started.
void warmFace(WireFace wire);

}  // namespace diemquet::app
