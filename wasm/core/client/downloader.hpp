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
  // The same, saved as a download, with the answer's text when it is not 2xx (the API's JSON
  // error, whose code says why): `done(status, errorBody)`. By default without that text.
  virtual void fetchToFileWithError(const std::string& method, const std::string& path, const std::string& token,
                                    const std::string& filename,
                                    std::function<void(int status, const std::string& errorBody)> done) {
    fetchToFile(method, path, token, filename, false, [done = std::move(done)](int status) {
      if (done) done(status, std::string());
    });
  }
  // Bytes the page already holds (a CSV, a visitor pass).
  virtual void saveBytes(const std::string& filename, const std::string& mimeType, const std::string& bytes) = 0;
};

}  // namespace diemquet::client
