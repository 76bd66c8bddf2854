#include "static_files.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <system_error>

namespace diemquet::server {

namespace fs = std::filesystem;

namespace {
constexpr size_t kContentHashDigits = 12;  // scripts/hash-assets.py names files so
}  // namespace

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
  // App routes the PWA handles itself: each face has its own page (scripts/face-pages.py);
  // a shell without them serves index.html for every route.
  const std::string first = rel.empty() ? std::string() : rel.begin()->string();
  if (rel.empty()) {
    rel = "index.html";
  } else if ((first == "v" || first == "office" || first == "bao-cao" || first == "dang-ky") &&
             !fs::is_regular_file(m_root / rel)) {
    // Light pages without a module: /bao-cao[/CODE] the citizens' violation report
    // (web/report.html), /dang-ky a venue registering itself (web/register.html).
    // /office/nhap-co-so: an officer imports a venue list (web/venue-import.html; a file input).
    const bool venueImport = rel == fs::path("office") / "nhap-co-so";
    fs::path page = first == "v"         ? "visitor.html"
                    : venueImport        ? "venue-import.html"
                    : first == "office"  ? "office.html"
                    : first == "bao-cao" ? "report.html"
                                         : "register.html";
    rel = fs::is_regular_file(m_root / page) ? page : fs::path("index.html");
  }
  std::error_code ec;
  fs::path full = fs::weakly_canonical(m_root / rel, ec);
  if (ec) return std::nullopt;
  auto [rootEnd, _] = std::mismatch(m_root.begin(), m_root.end(), full.begin(), full.end());
  if (rootEnd != m_root.end()) return std::nullopt;  // resolved outside the root
  if (!fs::is_regular_file(full, ec)) return std::nullopt;
  return StaticTarget{full, std::string(mimeTypeFor(full)),
                      std::string(cacheControlFor(full.lexically_relative(m_root)))};
}

namespace {

std::string etagOf(uintmax_t size, fs::file_time_type mtime, std::string_view coding) {
  char buf[64];
  auto ticks = static_cast<unsigned long long>(mtime.time_since_epoch().count());
  std::snprintf(buf, sizeof buf, "\"%jx-%llx%s%s\"", size, ticks, coding.empty() ? "" : "-",
                std::string(coding).c_str());
  return buf;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool equalsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<StaticVariant> StaticFiles::variant(const StaticTarget& target, std::string_view acceptEncoding) const {
  std::error_code ec;
  auto sibling = [&](const char* suffix) {
    fs::path p = target.file;
    p += suffix;
    return fs::is_regular_file(p, ec) ? std::optional<fs::path>(p) : std::nullopt;
  };
  const auto br = sibling(".br"), gz = sibling(".gz");
  StaticVariant v;
  v.vary = br || gz;
  switch (chooseCoding(acceptEncoding, bool(br), bool(gz))) {
    case Coding::Brotli:
      v.file = *br;
      v.contentEncoding = "br";
      break;
    case Coding::Gzip:
      v.file = *gz;
      v.contentEncoding = "gzip";
      break;
    case Coding::Identity:
      v.file = target.file;
      break;
  }
  v.size = fs::file_size(v.file, ec);
  if (ec) return std::nullopt;
  auto mtime = fs::last_write_time(v.file, ec);
  if (ec) return std::nullopt;
  v.etag = etagOf(v.size, mtime, v.contentEncoding);
  return v;
}

double acceptQuality(std::string_view header, Coding coding) {
  const std::string_view name = coding == Coding::Brotli ? "br" : coding == Coding::Gzip ? "gzip" : "identity";
  if (trim(header).empty()) return coding == Coding::Identity ? 1.0 : 0.0;
  std::optional<double> exact, star;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view token = trim(item.substr(0, semi));
    double q = 1.0;
    while (semi != std::string_view::npos) {
      std::string_view rest = item.substr(semi + 1);
      semi = rest.find(';');
      std::string_view param = trim(rest.substr(0, semi));
      if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        std::string value(param.substr(2));
        char* end = nullptr;
        double parsed = std::strtod(value.c_str(), &end);
        q = (end && *end == '\0' && parsed >= 0 && parsed <= 1) ? parsed : 0.0;
      }
      item = rest;
    }
    if (equalsNoCase(token, name) || (coding == Coding::Gzip && equalsNoCase(token, "x-gzip")))
      exact = std::max(exact.value_or(0.0), q);
    else if (token == "*")
      star = q;
  }
  if (exact) return *exact;
  if (star) return *star;
  return coding == Coding::Identity ? 1.0 : 0.0;  // identity is acceptable unless refused
}

Coding chooseCoding(std::string_view acceptEncoding, bool haveBrotli, bool haveGzip) {
  Coding best = Coding::Identity;
  double bestQ = 0;
  // Ties prefer the smaller coding: br is looked at first and only a strictly higher q wins.
  for (auto [coding, have] : {std::pair{Coding::Brotli, haveBrotli}, std::pair{Coding::Gzip, haveGzip}}) {
    double q = have ? acceptQuality(acceptEncoding, coding) : 0.0;
    if (q > bestQ) best = coding, bestQ = q;
  }
  // Identity only wins over an acceptable coding when the client rates it higher explicitly
  // ("br;q=0.5, identity"): unmentioned, it is merely the fallback.
  std::string lower(acceptEncoding);
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  const bool identityNamed = lower.find("identity") != std::string::npos;
  if (best != Coding::Identity && identityNamed && acceptQuality(acceptEncoding, Coding::Identity) > bestQ)
    return Coding::Identity;
  return best;
}

bool etagMatches(std::string_view ifNoneMatch, std::string_view etag) {
  auto opaque = [](std::string_view t) {
    t = trim(t);
    if (t.size() > 2 && t.substr(0, 2) == "W/") t.remove_prefix(2);
    return t;
  };
  while (!ifNoneMatch.empty()) {
    size_t comma = ifNoneMatch.find(',');
    std::string_view item = trim(ifNoneMatch.substr(0, comma));
    if (item == "*" || (!item.empty() && opaque(item) == opaque(etag))) return true;
    if (comma == std::string_view::npos) break;
    ifNoneMatch.remove_prefix(comma + 1);
  }
  return false;
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

bool isContentHashed(const fs::path& relative) {
  // A path component with ".<12 hex digits>" before its extension or at its end.
  for (const auto& part : relative) {
    const std::string s = part.string();
    for (size_t dot = s.find('.'); dot != std::string::npos; dot = s.find('.', dot + 1)) {
      size_t i = dot + 1, n = 0;
      while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i])) &&
             !std::isupper(static_cast<unsigned char>(s[i])))
        ++i, ++n;
      if (n == kContentHashDigits && (i == s.size() || s[i] == '.')) return true;
    }
  }
  return false;
}

std::string_view cacheControlFor(const fs::path& relative) {
  return isContentHashed(relative) ? "public, max-age=31536000, immutable" : "no-cache";
}

}  // namespace diemquet::server
