// Binary files from the app's own server (a venue's poster PDF, an office XLSX) saved as a
// download or opened in a new tab (a print view). The response bytes go straight from fetch()
// to a Blob in the page, never through the text path of http.hpp (which would mangle a PDF)
// nor through the WASM heap.
#pragma once
#include <functional>
#include <string>

namespace diemquet::platform {

// Fetches `url` with `method` and `headers` ("Name: value" lines separated by '\n'); on a 2xx
// answer offers the bytes as a download named `filename`. `done(status, body)` runs once:
// status 0 = no answer (offline, timeout); `body` is the answer's text for a non-2xx answer
// (the server's JSON error, so the caller can read its code) and empty after a download.
void downloadFromUrl(const std::string& method, const std::string& url, const std::string& headers,
                     const std::string& filename, int timeoutMs,
                     std::function<void(int status, const std::string& body)> done);

// GET with the caller's headers (an office session token), saved as `filename`; `done(status)`
// runs once, 0 = no answer; a non-2xx answer saves nothing.
void downloadFromServer(const std::string& url, const std::string& headers, const std::string& filename,
                        std::function<void(int)> done);
// The same, opened in a new tab (e.g. a printable HTML page); a download when the browser
// blocks the tab.
void openFromServer(const std::string& url, const std::string& headers, const std::string& filename,
                    std::function<void(int)> done);

}  // namespace diemquet::platform
