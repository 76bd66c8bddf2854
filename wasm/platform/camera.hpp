// The camera for scanning: the rear camera's live view shown by the page in a rect the UI
// reserves (no per-frame texture upload, no redraw for camera frames), decoding in a worker
// (web/scanner/), and the decoded texts (from the camera or a keyboard-wedge scanner) for the
// station to handle, announced the moment they arrive.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace diemquet::platform {

enum class CameraState { Off = 0, Starting = 1, Live = 2, Denied = 3, Unavailable = 4, Error = 5 };

// Starts the given camera, or the rear one when `deviceId` is empty.
void cameraStart(const std::string& deviceId = {});
void cameraStop();
CameraState cameraState();

int cameraDeviceCount();
std::string cameraDeviceLabel(int index);
std::string cameraDeviceId(int index);
std::string cameraCurrentDeviceId();

bool cameraTorchSupported();
bool cameraTorchOn();
void cameraSetTorch(bool on);

// Shows the live view in the box (x, y, w, h) with corner radius `radius`, visible only inside
// the clip rect (clipMin, clipMax), all in ImGui (CSS) pixels, with the framing guide. Call it
// for every frame drawn with the view on screen: after a drawn ImGui frame that did not call
// it, the view hides (another screen, the camera off, the box scrolled away).
void cameraShowView(float x, float y, float w, float h, float radius, float clipMinX, float clipMinY,
                    float clipMaxX, float clipMaxY);

// Texts decoded since the last call, oldest first.
std::vector<std::string> takeDecodedScans();

// Called (outside any ImGui frame) as soon as a decoded text is waiting, so the station handles
// it at once instead of at its next animation frame. One handler; an empty one removes it.
void cameraOnDecoded(std::function<void()> handler);

struct ScannerStats {
  int frames = 0;
  double fps = 0;
  double meanDecodeMs = 0;
};
ScannerStats scannerStats();

}  // namespace diemquet::platform
