// The font atlas's texture, made by us rather than by ImGui's OpenGL backend: the backend
// uploads the atlas as RGBA (4 bytes a texel, all of them white but the alpha), 8 MB at a
// phone's pixel ratio, after converting it on the main thread. Here it goes up as
// LUMINANCE_ALPHA (2 bytes: 255 and the alpha), which the backend's shader samples as the
// same (1, 1, 1, a): half the upload, no RGBA copy (issue #15, start-up off the critical path).
#pragma once

namespace diemquet::app {

// The backend's shaders and buffers (its first NewFrame), with a 1x1 placeholder for the
// atlas: uploadFontTexture() then sends the real one, in a frame of its own.
void createShaders();

// The atlas's texture anew (after the fonts changed); builds the atlas if nothing filled it.
void uploadFontTexture();

// Deletes the atlas's texture (the fonts are about to change).
void destroyFontTexture();

}  // namespace diemquet::app
