// The PWA's static files: path resolution (no traversal, app routes to index.html), MIME
// types and cache policy. No sockets here; http_server.cpp sends what this decides.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace diemquet::server {

struct StaticTarget {
  std::filesystem::path file;  // absolute, inside the root
  std::string mime;
  std::string cacheControl;
};

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // The file a request path maps to, or nothing (404) for a missing file or any attempt to
  // leave the root ("..", encoded or not, backslashes, NUL, symlinks pointing outside).
  std::optional<StaticTarget> resolve(std::string_view path) const;
  const std::filesystem::path& root() const { return m_root; }

 private:
  std::filesystem::path m_root;
};

std::string_view mimeTypeFor(const std::filesystem::path& file);
// no-cache for the files that decide which version runs (index.html, service-worker.js, the
// manifest), so an update is seen on the next load; a day for the rest, which the service
// worker caches by version anyway.
std::string_view cacheControlFor(const std::filesystem::path& file);
// "%2e%2E" -> "..", false for a malformed escape or an encoded NUL.
bool percentDecode(std::string_view in, std::string& out);

}  // namespace diemquet::server
