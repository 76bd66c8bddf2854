// The HTTP seam of every client in the core (the station's sync, the visitor page's self
// check-ins): injected, so the same logic runs in the browser (fetch) and in native tests
// against a fake server.
#pragma once
#include <functional>
#include <string>

namespace diemquet::sync {

// One HTTP answer. status 0: no answer at all (offline, timeout, connection dropped).
struct HttpReply {
  int status = 0;
  std::string body;
};
// POSTs the JSON `body` to `path` (relative to the server, e.g. "api/v1/checkins"), with
// `Authorization: Bearer <token>` when the token is not empty. Calls `done` exactly once.
using Transport = std::function<void(const std::string& path, const std::string& body, const std::string& token,
                                     std::function<void(const HttpReply&)> done)>;
}  // namespace diemquet::sync
