// ImGui's draw data as one block of bytes, for the drawing worker (platform/draw_surface.hpp):
// a frame crosses to the worker as one transferred buffer, not as a list of pointers into this
// module's memory. Read by web/draw-gl.js. All words are 4 bytes, little-endian:
//   header (10 words): display left, top, width, height, framebuffer scale x, y (floats);
//                      the clear colour r, g, b (floats, 0-1); the number of lists
//   per list: vertex count, index count, command count; then per command 7 words: the
//             scissor x, y, width, height (ints, the canvas's pixels, GL's Y going up), the
//             texture (0: none), the index count, the first index; then the vertices
//             (ImDrawVert, 20 bytes each), then the 16-bit indices padded to 4 bytes.
// Commands clipped away entirely are left out.
#pragma once

#include <cstdint>
#include <vector>

struct ImDrawData;

namespace diemquet::app {

// Packs `data` into `out` (its capacity is kept from frame to frame).
void packFrame(const ImDrawData* data, const float clear[3], std::vector<uint32_t>& out);

}  // namespace diemquet::app
