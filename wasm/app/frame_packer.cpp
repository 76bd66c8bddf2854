// ImGui's draw data as one block of bytes (frame_packer.hpp).
#include "frame_packer.hpp"

#include <imgui.h>

#include <cstring>

namespace diemquet::app {

namespace {

static_assert(sizeof(ImDrawVert) == 20 && sizeof(ImDrawIdx) == 2,
              "web/draw-gl.js reads 20-byte vertices, 16-bit indices");

uint32_t word(float f) {
  uint32_t w;
  std::memcpy(&w, &f, 4);
  return w;
}

void append(std::vector<uint32_t>& out, const void* bytes, size_t size) {
  const size_t at = out.size();
  out.resize(at + (size + 3) / 4, 0);
  if (size) std::memcpy(out.data() + at, bytes, size);
}

}  // namespace

void packFrame(const ImDrawData* d, const float clear[3], std::vector<uint32_t>& out) {
  out.clear();
  for (float f : {d->DisplayPos.x, d->DisplayPos.y, d->DisplaySize.x, d->DisplaySize.y, d->FramebufferScale.x,
                  d->FramebufferScale.y, clear[0], clear[1], clear[2]})
    out.push_back(word(f));
  out.push_back(uint32_t(d->CmdListsCount));
  const float fbHeight = float(int(d->DisplaySize.y * d->FramebufferScale.y));
  const ImVec2 clipOff = d->DisplayPos, clipScale = d->FramebufferScale;
  for (int n = 0; n < d->CmdListsCount; ++n) {
    const ImDrawList* list = d->CmdLists[n];
    const size_t countsAt = out.size();
    out.insert(out.end(), {uint32_t(list->VtxBuffer.Size), uint32_t(list->IdxBuffer.Size), 0u});
    uint32_t commands = 0;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      // No screen of ours adds a callback; ImGui's own reset needs nothing here (no GL state).
      if (cmd.UserCallback) continue;
      const float x0 = (cmd.ClipRect.x - clipOff.x) * clipScale.x, y0 = (cmd.ClipRect.y - clipOff.y) * clipScale.y;
      const float x1 = (cmd.ClipRect.z - clipOff.x) * clipScale.x, y1 = (cmd.ClipRect.w - clipOff.y) * clipScale.y;
      if (x1 <= x0 || y1 <= y0 || cmd.ElemCount == 0) continue;
      out.insert(out.end(), {uint32_t(int32_t(x0)), uint32_t(int32_t(fbHeight - y1)), uint32_t(int32_t(x1 - x0)),
                             uint32_t(int32_t(y1 - y0)), uint32_t(reinterpret_cast<uintptr_t>(cmd.GetTexID())),
                             cmd.ElemCount, cmd.IdxOffset});
      ++commands;
    }
    out[countsAt + 2] = commands;
    append(out, list->VtxBuffer.Data, size_t(list->VtxBuffer.Size) * sizeof(ImDrawVert));
    append(out, list->IdxBuffer.Data, size_t(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
  }
}

}  // namespace diemquet::app
