// Non-throwing accessors for nlohmann::json: the WASM build has no exceptions, so a
// wrong-typed field must yield the default, never a throw.
#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace diemquet::jsonutil {

inline std::string getString(const nlohmann::json& j, const char* key, const std::string& fallback = {}) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

inline int64_t getInt(const nlohmann::json& j, const char* key, int64_t fallback = 0) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

inline bool getBool(const nlohmann::json& j, const char* key, bool fallback = false) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

}  // namespace diemquet::jsonutil
