// The font atlas's texture. ImGui's OpenGL backend would upload the atlas as RGBA (4 bytes a
// texel, all of them white but the alpha), 8 MB at a phone's pixel ratio, after converting it
// on the main thread. Here the atlas's alpha goes up as it is (R8: 1 byte a texel), which
// draw_renderer's shader reads as (1, 1, 1, a): a quarter of the upload and no copy (issue #15,
// start-up off the critical path; 2 bytes a texel and a 13-ms copy loop before).
#pragma once

namespace diemquet::app {

// The atlas's texture anew (after the fonts changed); builds the atlas if nothing filled it.
void uploadFontTexture();

// Deletes the atlas's texture (the fonts are about to change).
void destroyFontTexture();

}  // namespace diemquet::app
