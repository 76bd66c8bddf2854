#include "static_files.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <system_error>

namespace diemquet::server {

namespace fs = std::filesystem;

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  m_root = fs::weakly_canonical(fs::absolute(root), ec);
  if (ec) m_root = fs::absolute(root);
}

bool percentDecode(std::string_view in, std::string& out) {
  out.clear();
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    if (i + 2 >= in.size()) return false;
    int h = hex(in[i + 1]), l = hex(in[i + 2]);
    if (h < 0 || l < 0) return false;
    char c = char(h * 16 + l);
    if (c == '\0') return false;
    out += c;
    i += 2;
  }
  return true;
}

std::optional<StaticTarget> StaticFiles::resolve(std::string_view path) const {
  std::string decoded;
  if (path.empty() || path[0] != '/' || !percentDecode(path, decoded)) return std::nullopt;
  if (decoded.find('\\') != std::string::npos || decoded.find('\0') != std::string::npos) return std::nullopt;
  fs::path rel;
  size_t start = 1;
  while (start <= decoded.size()) {
    size_t end = decoded.find('/', start);
    if (end == std::string::npos) end = decoded.size();
    std::string seg = decoded.substr(start, end - start);
    if (seg == "..") return std::nullopt;
    if (!seg.empty() && seg != ".") rel /= seg;
    start = end + 1;
  }
  // App routes the PWA handles itself.
  const std::string first = rel.empty() ? std::string() : rel.begin()->string();
  if (rel.empty() || ((first == "v" || first == "office") && !fs::is_regular_file(m_root / rel)))
    rel = "index.html";
  std::error_code ec;
  fs::path full = fs::weakly_canonical(m_root / rel, ec);
  if (ec) return std::nullopt;
  auto [rootEnd, _] = std::mismatch(m_root.begin(), m_root.end(), full.begin(), full.end());
  if (rootEnd != m_root.end()) return std::nullopt;  // resolved outside the root
  if (!fs::is_regular_file(full, ec)) return std::nullopt;
  return StaticTarget{full, std::string(mimeTypeFor(full)), std::string(cacheControlFor(full))};
}

std::string_view mimeTypeFor(const fs::path& file) {
  static const std::array<std::pair<const char*, const char*>, 22> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".wasm", "application/wasm"},
      {".webmanifest", "application/manifest+json"},
      {".json", "application/json"},
      {".data", "application/octet-stream"},
      {".css", "text/css; charset=utf-8"},
      {".png", "image/png"},
      {".svg", "image/svg+xml"},
      {".ico", "image/x-icon"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".pdf", "application/pdf"},
      {".csv", "text/csv; charset=utf-8"},
  }};
  std::string ext = file.extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [e, t] : kTypes)
    if (ext == e) return t;
  return "application/octet-stream";
}

std::string_view cacheControlFor(const fs::path& file) {
  const std::string name = file.filename().string();
  if (name == "index.html" || name == "service-worker.js" || file.extension() == ".webmanifest" ||
      name == "manifest.json")
    return "no-cache";
  return "public, max-age=86400";
}

}  // namespace diemquet::server
