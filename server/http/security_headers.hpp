// The security headers on every answer (API, static files, errors, redirects): see
// docs/api.md "Security headers". One policy, built once, set by the HTTP layer on every
// response it writes.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace diemquet::server {

enum class AnswerKind {
  Api,      // JSON, PDF, CSV, redirects: nothing to run, never framed
  ApiPage,  // server-rendered HTML (short-code page, report print view)
  App,      // the shell's static files: the three faces, their modules, workers, icons
};

// Inline <style> blocks and inline event handlers of the server's own HTML answers that must
// run where the faces' policy applies (the report's print view is opened by the office as a
// blob: page, which inherits the office page's policy). Allowed by their SHA-256, nothing else
// inline.
struct InlineSources {
  std::vector<std::string> styles;
  std::vector<std::string> handlers;
};

class SecurityPolicy {
 public:
  explicit SecurityPolicy(const InlineSources& inline_ = {});
  // Header name and value pairs; `tls` adds Strict-Transport-Security.
  std::vector<std::pair<std::string, std::string>> headers(AnswerKind kind, bool tls) const;

 private:
  std::string m_appCsp, m_apiPageCsp;
};

// The kind of an API answer from its Content-Type.
AnswerKind apiAnswerKind(const std::string& contentType);

// 'sha256-<base64>' of an inline source, as CSP names it.
std::string cspHashSource(const std::string& text);

}  // namespace diemquet::server
