// The security headers on every answer (API, static files, errors, redirects): see
// docs/api.md "Security headers". One list, set by the HTTP layer on every response it writes.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace diemquet::server {

enum class AnswerKind {
  Api,      // JSON, PDF, CSV, redirects: nothing to run, never framed
  ApiPage,  // server-rendered HTML (short-code page, report): its own inline <style> only
  App,      // the shell's static files: the three faces, their modules, workers, icons
};

// Header name and value pairs; `tls` adds Strict-Transport-Security.
std::vector<std::pair<std::string, std::string>> securityHeaders(AnswerKind kind, bool tls);

// The kind of an API answer from its Content-Type.
AnswerKind apiAnswerKind(const std::string& contentType);

}  // namespace diemquet::server
