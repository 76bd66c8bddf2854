// The PWA's static files: path resolution (no traversal, app routes to their face's page), MIME
// types, cache policy and content coding (the .br/.gz variants scripts/assemble-web.sh
// prepares). No sockets here; http_server.cpp sends what this decides.
#pragma once
#include <cstdint>
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

// What to send for a target and a request's Accept-Encoding: the identity file or a
// pre-compressed sibling (file.br, file.gz), its size and a validator that differs per coding.
struct StaticVariant {
  std::filesystem::path file;
  std::string contentEncoding;  // "", "br" or "gzip"
  std::string etag;             // strong, quoted
  uintmax_t size = 0;
  bool vary = false;  // other codings of this file exist: caches must key on Accept-Encoding
};

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // The file a request path maps to, or nothing (404) for a missing file or any attempt to
  // leave the root ("..", encoded or not, backslashes, NUL, symlinks pointing outside).
  std::optional<StaticTarget> resolve(std::string_view path) const;
  // The best coding of the target the client accepts; nothing if its file went away.
  std::optional<StaticVariant> variant(const StaticTarget& target, std::string_view acceptEncoding) const;
  const std::filesystem::path& root() const { return m_root; }

 private:
  std::filesystem::path m_root;
};

std::string_view mimeTypeFor(const std::filesystem::path& file);
// Content-hashed names (station.0123456789ab.wasm, zxing.0123456789ab/...) never change:
// cached for a year, immutable. Everything else (the pages, service-worker.js, the manifest,
// icons) is revalidated on every use (no-cache + ETag), so an update is seen on the next load.
std::string_view cacheControlFor(const std::filesystem::path& relative);
bool isContentHashed(const std::filesystem::path& relative);

enum class Coding { Identity, Gzip, Brotli };
// The client's preference for each coding from Accept-Encoding (RFC 9110 §12.5.3): q-values,
// "*", "x-gzip"; no header means identity only. Returns q in [0, 1] (0: not acceptable).
double acceptQuality(std::string_view acceptEncoding, Coding coding);
// Of the codings available (identity always is), the one with the highest q; ties go to the
// smaller (br, then gzip). Identity when nothing else is acceptable, even if refused (RFC
// allows serving it rather than 406).
Coding chooseCoding(std::string_view acceptEncoding, bool haveBrotli, bool haveGzip);
// If-None-Match against a strong ETag (weak comparison, as RFC 9110 §13.1.2 asks; "*" matches).
bool etagMatches(std::string_view ifNoneMatch, std::string_view etag);
// "%2e%2E" -> "..", false for a malformed escape or an encoded NUL.
bool percentDecode(std::string_view in, std::string& out);

}  // namespace diemquet::server
