// The request and the answer every part of the server speaks (sync, office, posters, areas,
// ops), with no sockets in sight: tests drive handlers directly and http_server.cpp only
// moves bytes. The lowest room of the server: it includes nothing of the others.
#pragma once
#include <cstddef>
#include <string>

#include "error_codes.hpp"

namespace diemquet::server {

constexpr size_t kMaxBodyBytes = size_t{4} * 1024 * 1024;  // larger request bodies get 413
constexpr const char* kServerVersion = "0.1.0";

struct ApiRequest {
  std::string method;         // "GET", "POST", ...
  std::string path;           // without the query string
  std::string authorization;  // the Authorization header, may be empty
  std::string body;
  std::string query;       // the part after '?', still percent-encoded; may be empty
  std::string remoteAddr;   // the peer's IP address (for rate limits); may be empty
  std::string ifNoneMatch;  // the If-None-Match header, may be empty
};

struct ApiResponse {
  int status = 200;
  std::string body;                // JSON unless contentType says otherwise
  std::string contentType;         // empty: application/json (posters send application/pdf)
  std::string contentDisposition;  // e.g. attachment; filename="poster.pdf"
  std::string cacheControl;        // empty: no-store
  std::string location;            // a redirect's target (short codes: /c/{code})
  int retryAfterSeconds = 0;       // > 0: a Retry-After header (503: try again, nothing was stored)
  std::string allow;               // 405: the methods the path takes (an Allow header)
  std::string etag;                // empty: no ETag header
};

// The error body every failure uses: {"error": {"code": "...", "message": "..."}}. The codes
// are one vocabulary (error_codes.hpp), listed in docs/api.md ("Errors").
ApiResponse errorResponse(int status, ErrorCode code, const std::string& message);

// What the HTTP layer hands requests to (server/api/server_api.hpp implements it).
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // Never throws: anything unexpected becomes a 500 with code "internal".
  virtual ApiResponse handle(const ApiRequest& req) = 0;
  // True for paths the handler answers (its 404 included); other paths are static files.
  virtual bool isApiPath(const std::string& path) const = 0;
};

}  // namespace diemquet::server
