#include "imgui_impl_html5.hpp"

#include <emscripten/html5.h>
#include <imgui.h>

#include <cfloat>
#include <cmath>
#include <deque>
#include <string>

#include "draw_surface.hpp"

namespace {

enum class Kind { Move, Down, Up, Leave, Wheel };
struct InputEvent {
  Kind kind;
  float x = 0, y = 0, wheel = 0;
};

std::string g_canvas;
std::deque<InputEvent> g_queue;
bool g_activity = true;
double g_lastTime = 0;
float g_dpr = 1;

// Touch state: a touch becomes a click only if it did not travel.
struct Touch {
  bool active = false, scrolling = false;
  float startX = 0, startY = 0, lastY = 0;
} g_touch;
constexpr float kTapSlop = 10.0f;      // CSS px a finger may wander and still tap
constexpr float kWheelPixels = 85.0f;  // ≈ one ImGui wheel step (5 lines at 17 px)

void push(InputEvent e) {
  g_queue.push_back(e);
  g_activity = true;
}

EM_BOOL onMouse(int type, const EmscriptenMouseEvent* e, void*) {
  float x = float(e->targetX), y = float(e->targetY);
  if (type == EMSCRIPTEN_EVENT_MOUSEMOVE)
    push({Kind::Move, x, y});
  else if (type == EMSCRIPTEN_EVENT_MOUSEDOWN && e->button == 0)
    push({Kind::Down, x, y});
  else if (type == EMSCRIPTEN_EVENT_MOUSEUP && e->button == 0)
    push({Kind::Up, x, y});
  else if (type == EMSCRIPTEN_EVENT_MOUSELEAVE)
    push({Kind::Leave});
  return EM_FALSE;
}

EM_BOOL onWheel(int, const EmscriptenWheelEvent* e, void*) {
  double dy = e->deltaY;
  if (e->deltaMode == DOM_DELTA_LINE)
    dy *= 17;
  else if (e->deltaMode == DOM_DELTA_PAGE)
    dy *= 400;
  push({Kind::Wheel, float(e->mouse.targetX), float(e->mouse.targetY), float(-dy / kWheelPixels)});
  return EM_TRUE;
}

EM_BOOL onTouch(int type, const EmscriptenTouchEvent* e, void*) {
  if (e->numTouches < 1) return EM_TRUE;
  const EmscriptenTouchPoint& t = e->touches[0];
  float x = float(t.targetX), y = float(t.targetY);
  switch (type) {
    case EMSCRIPTEN_EVENT_TOUCHSTART:
      g_touch = Touch{true, false, x, y, y};
      push({Kind::Move, x, y});
      break;
    case EMSCRIPTEN_EVENT_TOUCHMOVE:
      if (!g_touch.active) break;
      if (!g_touch.scrolling && (std::fabs(y - g_touch.startY) > kTapSlop || std::fabs(x - g_touch.startX) > kTapSlop))
        g_touch.scrolling = true;
      if (g_touch.scrolling) {
        push({Kind::Wheel, x, y, (y - g_touch.lastY) / kWheelPixels});
        g_touch.lastY = y;
      }
      break;
    case EMSCRIPTEN_EVENT_TOUCHEND:
      if (g_touch.active && !g_touch.scrolling) {
        push({Kind::Move, g_touch.startX, g_touch.startY});
        push({Kind::Down, g_touch.startX, g_touch.startY});
        push({Kind::Up, g_touch.startX, g_touch.startY});
      }
      push({Kind::Leave});  // a finger leaves no hover behind
      g_touch.active = false;
      break;
    case EMSCRIPTEN_EVENT_TOUCHCANCEL:
      push({Kind::Leave});
      g_touch.active = false;
      break;
  }
  // Prevent the browser's synthetic mouse events (they would click twice).
  return EM_TRUE;
}

void resizeCanvas() {
  double cssW = 0, cssH = 0;
  emscripten_get_element_css_size(g_canvas.c_str(), &cssW, &cssH);
  g_dpr = float(std::fmin(std::fmax(emscripten_get_device_pixel_ratio(), 1.0), 3.0));
  int wantW = int(std::lround(cssW * g_dpr)), wantH = int(std::lround(cssH * g_dpr));
  // The drawing surface sets the canvas's pixels: once the canvas is the drawing worker's,
  // the page can no longer set them itself.
  if (wantW > 0 && wantH > 0 && diemquet::platform::drawSurfaceResize(wantW, wantH)) g_activity = true;
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(float(cssW), float(cssH));
  io.DisplayFramebufferScale = ImVec2(g_dpr, g_dpr);
}

}  // namespace

namespace diemquet::platform {

bool imguiHtml5Init(const char* canvasSelector) {
  g_canvas = canvasSelector;
  ImGuiIO& io = ImGui::GetIO();
  io.BackendPlatformName = "imgui_impl_html5";
  const char* t = canvasSelector;
  emscripten_set_mousedown_callback(t, nullptr, true, onMouse);
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, true, onMouse);
  emscripten_set_mousemove_callback(t, nullptr, true, onMouse);
  emscripten_set_mouseleave_callback(t, nullptr, true, onMouse);
  emscripten_set_wheel_callback(t, nullptr, false, onWheel);
  emscripten_set_touchstart_callback(t, nullptr, false, onTouch);
  emscripten_set_touchmove_callback(t, nullptr, false, onTouch);
  emscripten_set_touchend_callback(t, nullptr, false, onTouch);
  emscripten_set_touchcancel_callback(t, nullptr, false, onTouch);
  g_lastTime = emscripten_get_now();
  return true;
}

void imguiHtml5NewFrame() {
  resizeCanvas();
  ImGuiIO& io = ImGui::GetIO();
  double now = emscripten_get_now();
  io.DeltaTime = float(std::fmax((now - g_lastTime) / 1000.0, 1e-4));
  g_lastTime = now;
  io.MouseWheel = 0;
  // Apply moves and wheels freely, but stop after one button change.
  while (!g_queue.empty()) {
    InputEvent e = g_queue.front();
    g_queue.pop_front();
    if (e.kind == Kind::Wheel) {
      io.MousePos = ImVec2(e.x, e.y);
      io.MouseWheel += e.wheel;
      continue;
    }
    if (e.kind == Kind::Move) {
      io.MousePos = ImVec2(e.x, e.y);
      continue;
    }
    if (e.kind == Kind::Leave) {
      if (io.MouseDown[0]) continue;  // still pressed (mouse dragged out): the up event follows
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      break;
    }
    bool down = e.kind == Kind::Down;
    if (io.MouseDown[0] == down) continue;
    io.MousePos = ImVec2(e.x, e.y);
    io.MouseDown[0] = down;
    break;
  }
  if (!g_queue.empty()) g_activity = true;
}

float devicePixelRatio() {
  return g_dpr;
}

bool imguiHtml5TakeActivity() {
  bool a = g_activity;
  g_activity = false;
  return a;
}

}  // namespace diemquet::platform
