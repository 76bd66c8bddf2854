#include "router.hpp"

#include "static_files.hpp"  // percentDecode: one strict decoder for paths

#include <stdexcept>

namespace diemquet::server {
namespace {

std::vector<std::string> splitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 1;  // paths start with '/'
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  if (!out.empty() && out.back().empty()) out.pop_back();  // "/c/" is "/c"
  return out;
}

bool isParam(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}
bool isRest(const std::string& seg) {
  return isParam(seg) && seg[seg.size() - 2] == '*';
}

}  // namespace

const std::string& PathParams::operator[](const std::string& name) const {
  static const std::string kNone;
  auto it = values.find(name);
  return it == values.end() ? kNone : it->second;
}

Router& Router::on(const std::string& method, const std::string& pattern, Handler handler) {
  for (const Route& r : m_routes)
    if (r.method == method && r.pattern == pattern)
      throw std::logic_error("route added twice: " + method + " " + pattern);
  m_routes.push_back(Route{method, pattern, splitPath(pattern), std::move(handler)});
  return *this;
}

bool Router::match(const Route& r, const std::vector<std::string>& path, PathParams& out) {
  out.values.clear();
  for (size_t i = 0; i < r.segments.size(); ++i) {
    const std::string& seg = r.segments[i];
    if (isRest(seg)) {
      std::string rest;
      for (size_t j = i; j < path.size(); ++j) rest += (j > i ? "/" : "") + path[j];
      // A malformed escape or an encoded NUL matches no route.
      return percentDecode(rest, out.values[seg.substr(1, seg.size() - 3)]);
    }
    if (i >= path.size()) return false;
    if (isParam(seg)) {
      if (path[i].empty()) return false;
      if (!percentDecode(path[i], out.values[seg.substr(1, seg.size() - 2)])) return false;
    } else if (seg != path[i]) {
      return false;
    }
  }
  return r.segments.size() == path.size();
}

std::optional<ApiResponse> Router::dispatch(const ApiRequest& req) const {
  const std::vector<std::string> path = splitPath(req.path);
  std::string allow;
  PathParams params;
  for (const Route& r : m_routes) {
    if (!match(r, path, params)) continue;
    if (r.method == req.method || (r.method == "GET" && req.method == "HEAD")) return r.handler(req, params);
    if (allow.find(r.method) == std::string::npos) allow += (allow.empty() ? "" : ", ") + r.method;
  }
  if (allow.empty()) return std::nullopt;
  ApiResponse r = errorResponse(405, "method_not_allowed", "Use " + allow + ".");
  r.allow = allow;
  return r;
}

bool Router::knowsPath(const std::string& path) const {
  const std::vector<std::string> segs = splitPath(path);
  PathParams params;
  for (const Route& r : m_routes)
    if (match(r, segs, params)) return true;
  return false;
}

std::vector<std::string> Router::describe() const {
  std::vector<std::string> out;
  for (const Route& r : m_routes) out.push_back(r.method + " " + r.pattern);
  return out;
}

}  // namespace diemquet::server
