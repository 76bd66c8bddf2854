// camera.hpp over web/scanner/camera.js (globalThis.dqCamera). Without it (the script failed to
// load; the font worker, which builds a first frame to compile its code) there is no camera:
// state 4, no devices, and every call a no-op.
#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>  // context hooks: hide the view after a frame that did not show it
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <utility>

#include "camera.hpp"

EM_JS(void, dq_js_camera_start, (const char* id), { if (globalThis.dqCamera) dqCamera.start(UTF8ToString(id)); });
EM_JS(void, dq_js_camera_stop, (), { if (globalThis.dqCamera) dqCamera.stop(); });
EM_JS(int, dq_js_camera_state, (), { return globalThis.dqCamera ? dqCamera.state() : 4; });
EM_JS(int, dq_js_camera_count, (), { return globalThis.dqCamera ? dqCamera.deviceCount() : 0; });
EM_JS(int, dq_js_camera_torch_supported, (), { return globalThis.dqCamera && dqCamera.torchSupported() ? 1 : 0; });
EM_JS(int, dq_js_camera_torch_on, (), { return globalThis.dqCamera && dqCamera.torchOn() ? 1 : 0; });
EM_JS(void, dq_js_camera_set_torch, (int on), { if (globalThis.dqCamera) dqCamera.setTorch(!!on); });
EM_JS(void, dq_js_camera_place, (float x, float y, float w, float h, float r, float c0x, float c0y, float c1x, float c1y), {
  if (globalThis.dqCamera) dqCamera.place(x, y, w, h, r, c0x, c0y, c1x, c1y);
});
EM_JS(void, dq_js_camera_hide_view, (), { if (globalThis.dqCamera) dqCamera.hideView(); });
EM_JS(void, dq_js_camera_on_decoded, (int on), {
  if (globalThis.dqCamera) dqCamera.setOnDecoded(on ? function () { Module["_dq_camera_decoded"](); } : null);
});
// Returns malloc'd UTF-8 the caller frees.
EM_JS(char*, dq_js_camera_string, (int what, int index), {
  var s = !globalThis.dqCamera ? (what === 3 ? '[]' : what === 4 ? '{}' : '')
        : what === 0 ? dqCamera.deviceLabel(index) : what === 1 ? dqCamera.deviceId(index)
        : what === 2 ? dqCamera.currentDeviceId() : what === 3 ? JSON.stringify(dqCamera.takeDecoded())
        : JSON.stringify(dqCamera.stats());
  var len = lengthBytesUTF8(s) + 1, p = _malloc(len);
  stringToUTF8(s, p, len);
  return p;
});

namespace {

std::function<void()> g_onDecoded;
bool g_viewShownThisFrame = false;
bool g_viewShown = false;
bool g_hooked = false;

// After every ImGui frame: hide the view if this frame did not show it.
void afterFrame(ImGuiContext*, ImGuiContextHook*) {
  if (g_viewShown && !g_viewShownThisFrame) {
    g_viewShown = false;
    dq_js_camera_hide_view();
  }
  g_viewShownThisFrame = false;
}

std::string jsString(int what, int index = 0) {
  char* p = dq_js_camera_string(what, index);
  std::string s = p ? p : "";
  std::free(p);
  return s;
}
}  // namespace

// camera.js: a decoded text is waiting (see cameraOnDecoded).
extern "C" EMSCRIPTEN_KEEPALIVE void dq_camera_decoded() {
  if (g_onDecoded) g_onDecoded();
}

namespace diemquet::platform {

void cameraStart(const std::string& deviceId) { dq_js_camera_start(deviceId.c_str()); }
void cameraStop() { dq_js_camera_stop(); }
CameraState cameraState() { return CameraState(dq_js_camera_state()); }
int cameraDeviceCount() { return dq_js_camera_count(); }
std::string cameraDeviceLabel(int index) { return jsString(0, index); }
std::string cameraDeviceId(int index) { return jsString(1, index); }
std::string cameraCurrentDeviceId() { return jsString(2); }
bool cameraTorchSupported() { return dq_js_camera_torch_supported() != 0; }
bool cameraTorchOn() { return dq_js_camera_torch_on() != 0; }
void cameraSetTorch(bool on) { dq_js_camera_set_torch(on ? 1 : 0); }

void cameraShowView(float x, float y, float w, float h, float radius, float clipMinX, float clipMinY,
                    float clipMaxX, float clipMaxY) {
  if (!g_hooked) {
    ImGuiContextHook hook;
    hook.Type = ImGuiContextHookType_EndFramePost;
    hook.Callback = afterFrame;
    ImGui::AddContextHook(ImGui::GetCurrentContext(), &hook);
    g_hooked = true;
  }
  g_viewShownThisFrame = true;
  g_viewShown = true;
  dq_js_camera_place(x, y, w, h, radius, clipMinX, clipMinY, clipMaxX, clipMaxY);
}

void cameraOnDecoded(std::function<void()> handler) {
  g_onDecoded = std::move(handler);
  dq_js_camera_on_decoded(g_onDecoded ? 1 : 0);
}

std::vector<std::string> takeDecodedScans() {
  auto j = nlohmann::json::parse(jsString(3), nullptr, false);
  std::vector<std::string> out;
  if (j.is_array())
    for (const auto& t : j)
      if (t.is_string()) out.push_back(t.get<std::string>());
  return out;
}

ScannerStats scannerStats() {
  auto j = nlohmann::json::parse(jsString(4), nullptr, false);
  ScannerStats s;
  if (j.is_object()) {
    s.frames = j.value("frames", 0);
    s.fps = j.value("fps", 0.0);
    s.meanDecodeMs = j.value("meanDecodeMs", 0.0);
  }
  return s;
}

}  // namespace diemquet::platform
