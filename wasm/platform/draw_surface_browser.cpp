// Browser side of draw_surface.hpp: web/draw-surface.js (dqDrawSurface).
#include <emscripten.h>

#include "draw_surface.hpp"

namespace {

EM_JS(int, dq_js_draw_start, (), { return globalThis.dqDrawSurface && dqDrawSurface.start(Module) ? 1 : 0; });
EM_JS(int, dq_js_draw_resize, (int width, int height), { return dqDrawSurface.resize(width, height) ? 1 : 0; });
EM_JS(void, dq_js_draw_font, (const unsigned char* alpha, int width, int height),
      { dqDrawSurface.font(HEAPU8.slice(alpha, alpha + width * height), width, height); });
EM_JS(void, dq_js_draw_present, (const void* frame, size_t bytes),
      { dqDrawSurface.present(HEAPU8.slice(frame, frame + bytes)); });

}  // namespace

namespace diemquet::platform {

bool drawSurfaceStart() {
  return dq_js_draw_start() == 1;
}
bool drawSurfaceResize(int width, int height) {
  return dq_js_draw_resize(width, height) == 1;
}
void drawSurfaceFont(const unsigned char* alpha, int width, int height) {
  dq_js_draw_font(alpha, width, height);
}
void drawSurfacePresent(const void* frame, size_t bytes) {
  dq_js_draw_present(frame, bytes);
}

}  // namespace diemquet::platform
