// The JSON API as a plain function from request to response, with no sockets in sight, so
// tests drive it directly and the HTTP layer (http/) only moves bytes. See docs/api.md.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "../storage/store.hpp"

namespace diemquet::server {

constexpr size_t kMaxBodyBytes = 4 * 1024 * 1024;  // larger request bodies get 413
constexpr size_t kMaxBatchSize = 1000;              // check-ins per upload
constexpr const char* kServerVersion = "0.1.0";

struct ApiRequest {
  std::string method;         // "GET", "POST", ...
  std::string path;           // without the query string
  std::string authorization;  // the Authorization header, may be empty
  std::string body;
  std::string query;       // the part after '?', still percent-encoded; may be empty
  std::string remoteAddr;  // the peer's IP address (for rate limits); may be empty
  std::string ifNoneMatch;  // the If-None-Match header, may be empty
};

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON unless contentType says otherwise
  std::string contentType;         // empty: application/json (posters send application/pdf)
  std::string contentDisposition;  // e.g. attachment; filename="poster.pdf"
  std::string cacheControl;        // empty: no-store
  std::string location;            // a redirect's target (short codes: /c/{code})
  int retryAfterSeconds = 0;       // > 0: a Retry-After header (503: try again, nothing was stored)
  std::string etag;                // empty: no ETag header
};

// The error body every failure uses: {"error": {"code": "...", "message": "..."}}.
ApiResponse errorResponse(int status, const std::string& code, const std::string& message);

class Api {
 public:
  using Clock = std::function<int64_t()>;  // UTC milliseconds
  using Logger = std::function<void(const std::string&)>;
  Api(Store& store, Clock clock, Logger log = {});

  // Never throws: anything unexpected becomes a 500 with code "internal".
  ApiResponse handle(const ApiRequest& req);
  // The API, the short-code pages /c and /c/{code} (server/posters/short_codes.hpp), and the
  // operators' /metrics and /health/ (server/ops/).
  bool isApiPath(const std::string& path) const {
    return path.rfind("/api/", 0) == 0 || path == "/c" || path.rfind("/c/", 0) == 0 || path == "/metrics" ||
           path.rfind("/health/", 0) == 0;
  }

 private:
  ApiResponse route(const ApiRequest& req);
  ApiResponse health();
  ApiResponse enroll(const ApiRequest& req);
  ApiResponse presence(const ApiRequest& req);  // presence_api.cpp
  ApiResponse upload(const ApiRequest& req);
  ApiResponse storageFailure(const Error& e);
  Store& m_store;
  Clock m_clock;
  Logger m_log;
};

// [1,2,3,5,7,8] -> [[1,3],[5,5],[7,8]]; input need not be sorted or unique.
std::vector<std::pair<int64_t, int64_t>> seqRanges(std::vector<int64_t> seqs);

}  // namespace diemquet::server
