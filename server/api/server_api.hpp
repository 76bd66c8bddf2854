// The server's one request path: every room (sync, posters and short codes, areas, office,
// ops) adds its routes to one table here, and every request, from the HTTP layer or a test,
// goes through handle(). The rooms are peers: none includes another's API; this file is the
// only one that knows them all.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "../http/api_types.hpp"
#include "../http/router.hpp"
#include "../storage/store.hpp"

namespace diemquet::server {

class Api : public RequestHandler {
 public:
  using Clock = std::function<int64_t()>;  // UTC milliseconds
  using Logger = std::function<void(const std::string&)>;
  Api(Store& store, Clock clock, Logger log = {});

  // Never throws: anything unexpected becomes a 500 with code "internal"; a path no route
  // knows is 404 not_found, a known path with another method 405 with Allow.
  ApiResponse handle(const ApiRequest& req) override;
  // /api/... (their 404 included) and the other paths a route knows: the short-code pages
  // /c and /c/{code}, the operators' /metrics and /health/...
  bool isApiPath(const std::string& path) const override;
  std::vector<std::string> routes() const { return m_router.describe(); }

 private:
  Router m_router;
  Logger m_log;
};

}  // namespace diemquet::server
