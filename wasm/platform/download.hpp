// Saving a file the app made (a poster PDF, a visitor pass, a report) to the phone or laptop.
#pragma once
#include <string>

namespace diemquet::platform {

// Offers `bytes` as a download named `filename` (a Blob and a temporary link).
void downloadFile(const std::string& filename, const std::string& mimeType, const std::string& bytes);

}  // namespace diemquet::platform
