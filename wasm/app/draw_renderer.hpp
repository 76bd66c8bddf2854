// Draws ImGui's draw data with WebGL2, in place of ImGui's OpenGL3 backend (issue #15).
// The backend saves and restores ~14 values of the GL state around every frame, because it may
// share a context with an engine's own drawing. In a browser each of those reads is a round
// trip to the GPU process that waits for every command sent before it: the first frame waited
// 47-73 ms in one (glGetIntegerv, SwiftShader), on the page's main thread. The context here is
// ours alone, so nothing is read back: commands only, and the GPU works while the page goes on.
#pragma once

struct ImDrawData;

namespace diemquet::app {

// The program, its buffers and vertex layout, once per context. False (and said on the
// console) when the shaders do not link: the frames then draw nothing.
bool createDrawObjects();

// Clears the canvas to `clear` (RGB, 0-1) and draws `data` onto it.
void drawFrame(const ImDrawData* data, const float clear[3]);

}  // namespace diemquet::app
