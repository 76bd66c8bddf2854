#include "security_headers.hpp"

namespace diemquet::server {

namespace {

// The faces load only our own files: no inline scripts or styles (web/index.html), the WASM
// module needs 'wasm-unsafe-eval' (page and the zxing-wasm worker, which gets these headers
// as a static file too); camera frames are drawn from blob:/data: URLs at most.
const char* const kAppCsp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; "
    "img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self'; connect-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
// Server-rendered pages carry one inline <style> and nothing to run.
const char* const kApiPageCsp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";
const char* const kApiCsp = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

}  // namespace

std::vector<std::pair<std::string, std::string>> securityHeaders(AnswerKind kind, bool tls) {
  std::vector<std::pair<std::string, std::string>> h = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", kind == AnswerKind::App ? "strict-origin-when-cross-origin" : "no-referrer"},
      {"Permissions-Policy", "camera=(self), microphone=(), geolocation=()"},
      {"Content-Security-Policy", kind == AnswerKind::App       ? kAppCsp
                                  : kind == AnswerKind::ApiPage ? kApiPageCsp
                                                                : kApiCsp},
  };
  if (tls) h.emplace_back("Strict-Transport-Security", "max-age=31536000");
  return h;
}

AnswerKind apiAnswerKind(const std::string& contentType) {
  return contentType.rfind("text/html", 0) == 0 ? AnswerKind::ApiPage : AnswerKind::Api;
}

}  // namespace diemquet::server
