// The route table: method + path pattern -> handler, so every endpoint of the server is one
// line in one table (server/api/server_api.cpp builds it from each room's addRoutes), and a
// path no route knows is a 404, a known path with another method a 405 with Allow, from here.
// Patterns are segments: literal ("posters"), a parameter ("{id}": one segment,
// percent-decoded) or, last, the rest ("{rest*}": zero or more segments, decoded).
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api_types.hpp"

namespace diemquet::server {

struct PathParams {
  std::map<std::string, std::string> values;
  const std::string& operator[](const std::string& name) const;
};

class Router {
 public:
  using Handler = std::function<ApiResponse(const ApiRequest&, const PathParams&)>;
  // "GET" routes answer HEAD too. A second route with the same method and pattern is a
  // programming error (std::logic_error at start-up).
  Router& on(const std::string& method, const std::string& pattern, Handler handler);
  // The route's answer; 405 when the path matches only routes of other methods; nullopt when
  // no pattern matches the path.
  std::optional<ApiResponse> dispatch(const ApiRequest& req) const;
  bool knowsPath(const std::string& path) const;
  // "GET /api/v1/keys", ... in the order added (docs and tests list the endpoints from it).
  std::vector<std::string> describe() const;

 private:
  struct Route {
    std::string method, pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool match(const Route& r, const std::vector<std::string>& path, PathParams& out);
  std::vector<Route> m_routes;
};

}  // namespace diemquet::server
