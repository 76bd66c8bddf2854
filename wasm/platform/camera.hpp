// The camera for scanning: the rear camera's live view as a GL texture for the UI, decoding
// in a worker (web/scanner/), and the decoded texts (from the camera or a keyboard-wedge
// scanner) for the station to handle.
#pragma once
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

// Uploads the newest video frame into `texture` (a GL texture name); false if none yet.
bool cameraUploadFrame(unsigned texture, int& width, int& height);

// Texts decoded since the last call, oldest first.
std::vector<std::string> takeDecodedScans();

struct ScannerStats {
  int frames = 0;
  double fps = 0;
  double meanDecodeMs = 0;
};
ScannerStats scannerStats();

}  // namespace diemquet::platform
