// Files fetched from the app's own server with the caller's headers (an office session token)
// and handed to the browser as bytes: saved as a download, or opened in a new tab (print view).
// Bytes never pass through the WASM heap as text, so XLSX arrives intact.
#pragma once
#include <functional>
#include <string>

namespace diemquet::platform {

// `done(status)` runs once; 0 = no answer. A non-2xx answer saves nothing.
void downloadFromServer(const std::string& url, const std::string& headers, const std::string& filename,
                        std::function<void(int)> done);
// Opens the answer (e.g. a printable HTML page) in a new tab; falls back to a download when
// the browser blocks the tab.
void openFromServer(const std::string& url, const std::string& headers, const std::string& filename,
                    std::function<void(int)> done);

}  // namespace diemquet::platform
