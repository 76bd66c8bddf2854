#include "security_headers.hpp"

#include <openssl/evp.h>

namespace diemquet::server {

namespace {

std::string join(const std::vector<std::string>& items, const char* prefix) {
  std::string out;
  for (const auto& s : items) out += std::string(prefix) + cspHashSource(s);
  return out;
}

}  // namespace

std::string cspHashSource(const std::string& text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), md, &len, EVP_sha256(), nullptr);
  std::string b64(4 * ((len + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), md, int(len));
  b64.resize(size_t(n));
  return "'sha256-" + b64 + "'";
}

SecurityPolicy::SecurityPolicy(const InlineSources& in) {
  const std::string handlers = in.handlers.empty() ? "" : " 'unsafe-hashes'" + join(in.handlers, " ");
  const std::string styles = join(in.styles, " ");
  // The faces load only our own files: no inline scripts or styles (web/index.html); the WASM
  // modules need 'wasm-unsafe-eval' (pages and the zxing-wasm worker, which gets these headers
  // as a static file too); worker-src covers the service worker as well.
  m_appCsp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" + handlers +
             "; worker-src 'self'; style-src 'self'" + styles +
             "; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self'; connect-src 'self'; "
             "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  // Server-rendered pages: their inline <style>, the listed handlers, nothing else to run.
  m_apiPageCsp = "default-src 'none'; script-src" + (handlers.empty() ? std::string(" 'none'") : handlers) +
                 "; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
                 "frame-ancestors 'none'";
}

std::vector<std::pair<std::string, std::string>> SecurityPolicy::headers(AnswerKind kind, bool tls) const {
  static const std::string kApiCsp = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  std::vector<std::pair<std::string, std::string>> h = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", kind == AnswerKind::App ? "strict-origin-when-cross-origin" : "no-referrer"},
      {"Permissions-Policy", "camera=(self), microphone=(), geolocation=()"},
      {"Content-Security-Policy", kind == AnswerKind::App       ? m_appCsp
                                  : kind == AnswerKind::ApiPage ? m_apiPageCsp
                                                                : kApiCsp},
  };
  if (tls) h.emplace_back("Strict-Transport-Security", "max-age=31536000");
  return h;
}

AnswerKind apiAnswerKind(const std::string& contentType) {
  return contentType.rfind("text/html", 0) == 0 ? AnswerKind::ApiPage : AnswerKind::Api;
}

}  // namespace diemquet::server
