// The UI's fonts: registered at the device pixel ratio, and their atlas either built here
// (ImGui rasterises every glyph: ~200 ms on this machine's main thread, several times that on
// a cheap phone) or taken ready-made from a bake: the same module, run in a worker
// (web/font-baker.js), builds the atlas off the page's main thread and hands it over as bytes;
// the loader also keeps those bytes for the next start (issue #15, step 4).
#pragma once
#include <cstdint>
#include <string>

namespace diemquet::app {

// Clears the atlas and adds the four faces (ui::fonts()) at `dpr`; builds nothing.
void registerFonts(float dpr);

// Builds the atlas for `dpr` (in a context of its own) and returns it as bytes for useBaked.
// The layout: a header whose words 3 and 4 (bytes 12-19, little-endian int32) are the
// texture's width and height, then the glyphs, then the texture's alpha, width × height bytes,
// last. web/loader.js reads those two words: it hands the pixels to the drawing surface itself
// and gives this module only what comes before them.
std::string bakeFonts(float dpr);

// Registers the faces and fills the atlas from `bytes` (a bake, with or without its pixels),
// without rasterising anything and without keeping the pixels: the texture is the drawing
// surface's, handed to it by whoever holds the bake. The atlas then has no pixels of its own
// (nothing reads them but a rebuild). False, changing nothing the next build would not redo,
// when the bytes are not a bake of this module's fonts (another build's, truncated, another
// ratio's layout).
bool useBakedFonts(const uint8_t* bytes, size_t size);

// The device pixel ratio of a bake, or 0 when `bytes` is not one.
float bakedRatio(const uint8_t* bytes, size_t size);

}  // namespace diemquet::app
