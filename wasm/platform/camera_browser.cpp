// camera.hpp over web/scanner/camera.js (globalThis.dqCamera).
#include <emscripten.h>
#include <nlohmann/json.hpp>

#include <cstdlib>

#include "camera.hpp"

EM_JS(void, dq_js_camera_start, (const char* id), { dqCamera.start(UTF8ToString(id)); });
EM_JS(void, dq_js_camera_stop, (), { dqCamera.stop(); });
EM_JS(int, dq_js_camera_state, (), { return globalThis.dqCamera ? dqCamera.state() : 4; });
EM_JS(int, dq_js_camera_count, (), { return dqCamera.deviceCount(); });
EM_JS(int, dq_js_camera_torch_supported, (), { return dqCamera.torchSupported() ? 1 : 0; });
EM_JS(int, dq_js_camera_torch_on, (), { return dqCamera.torchOn() ? 1 : 0; });
EM_JS(void, dq_js_camera_set_torch, (int on), { dqCamera.setTorch(!!on); });
EM_JS(int, dq_js_camera_upload, (unsigned tex, int* w, int* h), {
  var r = dqCamera.upload(GLctx, GL.textures[tex]);
  if (!r) return 0;
  HEAP32[w >> 2] = r[0];
  HEAP32[h >> 2] = r[1];
  return 1;
});
// Returns malloc'd UTF-8 the caller frees.
EM_JS(char*, dq_js_camera_string, (int what, int index), {
  var s = what === 0 ? dqCamera.deviceLabel(index) : what === 1 ? dqCamera.deviceId(index)
        : what === 2 ? dqCamera.currentDeviceId() : what === 3 ? JSON.stringify(dqCamera.takeDecoded())
        : JSON.stringify(dqCamera.stats());
  var len = lengthBytesUTF8(s) + 1, p = _malloc(len);
  stringToUTF8(s, p, len);
  return p;
});

namespace {
std::string jsString(int what, int index = 0) {
  char* p = dq_js_camera_string(what, index);
  std::string s = p ? p : "";
  std::free(p);
  return s;
}
}  // namespace

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

bool cameraUploadFrame(unsigned texture, int& width, int& height) {
  return dq_js_camera_upload(texture, &width, &height) != 0;
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
