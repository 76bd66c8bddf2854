#include "request_input.hpp"

#include "text.hpp"

namespace diemquet::server {

namespace {
constexpr size_t kMaxTokenBytes = 512;  // device, session and feed tokens are far shorter
}

std::optional<ApiResponse> checkBodyBytes(const std::string& body) {
  if (!text::isValidUtf8(body)) return errorResponse(400, "invalid_utf8", "The request body is not valid UTF-8.");
  if (body.find('\0') != std::string::npos)
    return errorResponse(400, "bad_json", "The request body is not valid JSON (it contains a NUL byte).");
  return std::nullopt;
}

std::optional<ApiResponse> parseJsonObject(const std::string& body, nlohmann::json& out) {
  if (auto bad = checkBodyBytes(body)) return bad;
  // strict parsing (the default): one value, then only whitespace up to the end.
  out = nlohmann::json::parse(body, nullptr, false);
  if (out.is_discarded())
    return errorResponse(400, "bad_json", "The request body is not valid JSON: one JSON value and nothing after it.");
  if (!out.is_object()) return errorResponse(400, "bad_request", "The request body must be a JSON object.");
  return std::nullopt;
}

std::optional<std::string> bearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer";
  if (authorization.size() <= kScheme.size() || authorization.size() > kScheme.size() + 1 + kMaxTokenBytes)
    return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i)
    if ((authorization[i] | 0x20) != kScheme[i]) return std::nullopt;
  size_t at = kScheme.size();
  if (authorization[at] != ' ') return std::nullopt;
  while (at < authorization.size() && authorization[at] == ' ') ++at;
  std::string_view token = authorization.substr(at);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty() || token.find(' ') != std::string_view::npos) return std::nullopt;
  return std::string(token);
}

}  // namespace diemquet::server
