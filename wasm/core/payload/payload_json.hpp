// JSON views of scan results, for the parse-payload tool, the golden tests and the UI bridge.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "result.hpp"
#include "scanned_payload.hpp"

namespace diemquet {

// Stable English names of error kinds ("Malformed", "MangledText", ...).
std::string_view errorKindName(ErrorKind k);

// {"kind": "cccd", "person": {...}, "card": {...}}; dates as "yyyy-MM-dd" (or "yyyy").
nlohmann::json toJson(const ScannedPayload& p);
// {"error": "Malformed", "message": "...", "field": "..."}
nlohmann::json toJson(const Error& e);
// One line of JSON for a parse result; never throws (invalid UTF-8 cannot reach it, but is
// replaced if it ever does).
std::string toJsonLine(const Result<ScannedPayload>& r);

}  // namespace diemquet
