// The one reading of a request's body and Authorization header, used by every handler (sync,
// office, posters), so the same bad input gets the same answer everywhere (docs/api.md).
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "../http/api_types.hpp"

namespace diemquet::server {

// The byte-level rules every JSON body follows, the streaming upload parser included: valid
// UTF-8 (else 400 invalid_utf8) and no NUL byte (400 bad_json: nlohmann stops reading at a
// NUL, so anything after one would be ignored rather than refused). nullopt when it passes.
std::optional<ApiResponse> checkBodyBytes(const std::string& body);

// A body that is exactly one JSON object and nothing after it but whitespace. Not JSON,
// trailing bytes, a second value or a NUL: 400 bad_json; JSON that is not an object: 400
// bad_request. nullopt when `out` holds the object.
std::optional<ApiResponse> parseJsonObject(const std::string& body, nlohmann::json& out);

// The token of "Authorization: Bearer <token>"; the scheme is case-insensitive (RFC 7235),
// spaces after it are skipped. nullopt for another scheme, an empty or an oversized token.
std::optional<std::string> bearerToken(std::string_view authorization);

}  // namespace diemquet::server
