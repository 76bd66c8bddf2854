// Files the app saves for people: one fetched from the server with a token (a venue's poster
// PDF, an office export) or bytes the page already holds (the trace CSV, a visitor pass, the
// visitor's own history). The browser's implementation streams a fetch straight to a Blob.
#pragma once
#include <functional>
#include <string>

namespace diemquet::client {
class Downloader {
 public:
  virtual ~Downloader() = default;
  // `method` `path` with the bearer token; on 2xx save the bytes as `filename` (or open them in
  // a new tab). `done(status)`: 0 = no answer; nothing is saved for a non-2xx answer.
  virtual void fetchToFile(const std::string& method, const std::string& path, const std::string& token,
                           const std::string& filename, bool openInTab, std::function<void(int status)> done) = 0;
  // Bytes the page already holds (a CSV, a visitor pass).
  virtual void saveBytes(const std::string& filename, const std::string& mimeType, const std::string& bytes) = 0;
};

}  // namespace diemquet::client
