// HTTP from the app to its own server (fetch). Same origin by default; the callback runs
// once from the browser's event loop with the status (0 = network error or timeout).
#pragma once
#include <functional>
#include <string>

namespace diemquet::platform {

struct HttpResponse {
  int status = 0;  // 0: no answer (offline, DNS, timeout)
  std::string body;
  std::string etag;  // the ETag header, when there is one
};

// `headers` is "Name: value" lines separated by '\n'. `url` is relative to the page or absolute.
void httpRequest(const std::string& method, const std::string& url, const std::string& body,
                 const std::string& headers, int timeoutMs, std::function<void(const HttpResponse&)> done);

}  // namespace diemquet::platform
