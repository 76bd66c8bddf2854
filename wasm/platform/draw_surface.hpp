// Where the frames are drawn (issue #15). web/draw-surface.js hands the page's canvas to a
// worker of its own (an OffscreenCanvas) where the browser has WebGL2 in workers: the WebGL
// context, the shaders, the font upload and every frame's drawing then never hold up the page's
// main thread, where taps and typing are handled. Elsewhere it draws on the page, with the same
// renderer (web/draw-gl.js). The module makes no WebGL call of its own.
#pragma once

#include <cstddef>

namespace diemquet::platform {

// Makes the surface; false when this browser has no WebGL2 (nothing can be drawn).
bool drawSurfaceStart();

// The canvas's size in device pixels; true when it changed.
bool drawSurfaceResize(int width, int height);

// The font atlas's alpha, width × height bytes: the one texture frames draw with.
void drawSurfaceFont(const unsigned char* alpha, int width, int height);

// A frame packed by wasm/app/frame_packer.hpp, drawn as soon as the surface can. A frame still
// waiting when a newer one comes is dropped: each frame is the whole picture.
void drawSurfacePresent(const void* frame, size_t bytes);

}  // namespace diemquet::platform
