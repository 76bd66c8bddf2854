// The HTTP seam of every client in the core (the station's sync, the visitor page's self
// check-ins, the key ring, the exposure feed, the office): injected, so the same logic runs in
// the browser (fetch) and in native tests against a fake server.
#pragma once
#include <functional>
#include <string>

namespace diemquet::sync {

// One HTTP answer. status 0: no answer at all (offline, timeout, connection dropped).
struct HttpReply {
  int status = 0;
  std::string body;
  std::string etag;  // the ETag header, when the server sent one
};
// POSTs the JSON `body` to `path` (relative to the server, e.g. "api/v1/checkins"), with
// `Authorization: Bearer <token>` when the token is not empty. Calls `done` exactly once.
using Transport = std::function<void(const std::string& path, const std::string& body, const std::string& token,
                                     std::function<void(const HttpReply&)> done)>;

// Any request: the clients that read (GET, with If-None-Match) as well as write.
struct HttpRequest {
  std::string method = "GET";
  std::string path;         // "/api/v1/keys"
  std::string body;         // JSON; ignored for GET
  std::string token;        // Authorization: Bearer, when not empty
  std::string ifNoneMatch;  // an ETag held, when not empty (a 304 answer: nothing changed)
  int timeoutMs = 10000;    // then status 0
};
// Sends `request`; calls `done` exactly once.
using Http = std::function<void(const HttpRequest& request, std::function<void(const HttpReply&)> done)>;

// A Transport (JSON POST) over an Http.
inline Transport postOver(Http http, int timeoutMs = 30000) {
  return [http = std::move(http), timeoutMs](const std::string& path, const std::string& body, const std::string& token,
                                             std::function<void(const HttpReply&)> done) {
    HttpRequest r;
    r.method = "POST";
    r.path = path;
    r.body = body;
    r.token = token;
    r.timeoutMs = timeoutMs;
    http(r, std::move(done));
  };
}

}  // namespace diemquet::sync
