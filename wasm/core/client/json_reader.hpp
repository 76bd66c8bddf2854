// Reading an answer whose shape the API promises (docs/api.md): each field by name and kind.
// The first field that is missing or of another kind is remembered with its place in the
// answer ("areas[2].scans: not an integer") and the whole answer is refused by its reader, so
// a screen draws either a complete answer or an error, never half of one, and a wrong-typed
// field never reaches nlohmann's throwing accessors (the WASM build has no exceptions).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace diemquet::client {

class JsonReader {
 public:
  // Reads `at`, which must be an object; `path` names it in the problem ("" = the answer).
  explicit JsonReader(const nlohmann::json& at, std::string path = {});

  bool ok() const { return m_problem->empty(); }
  // The first problem of this reader or any reader made from it, "" when none.
  const std::string& problem() const { return *m_problem; }

  // Required fields: a missing one, or one of another kind, is a problem (the fallback returned).
  std::string text(const char* key);
  int64_t integer(const char* key);
  bool flag(const char* key);
  std::vector<std::string> texts(const char* key);
  // Fields the API may leave out or send as null: then the fallback / nothing.
  std::string textOr(const char* key, std::string fallback = {});
  int64_t integerOr(const char* key, int64_t fallback);
  bool flagOr(const char* key, bool fallback);
  std::optional<double> numberOrNull(const char* key);
  std::optional<int64_t> integerOrNull(const char* key);

  // The object under `key` (required), read with the same problem.
  JsonReader object(const char* key);
  // Each object of the array under `key` (required) read by `each(JsonReader&) -> T`.
  template <class T, class Each>
  std::vector<T> list(const char* key, Each each) {
    std::vector<T> out;
    const nlohmann::json* a = field(key, nlohmann::json::value_t::array, "not a list");
    if (!a) return out;
    out.reserve(a->size());
    for (size_t i = 0; i < a->size() && ok(); ++i) {
      JsonReader item((*a)[i], m_problem, m_path + key + "[" + std::to_string(i) + "].");
      out.push_back(each(item));
    }
    return out;
  }

 private:
  JsonReader(const nlohmann::json& at, std::shared_ptr<std::string> problem, std::string path);
  // The field, when present and of `kind` (any number for number_float); else notes `why`.
  const nlohmann::json* field(const char* key, nlohmann::json::value_t kind, const char* why);
  // The field when present and not null; else nullptr (no problem noted).
  const nlohmann::json* optional(const char* key);
  void fail(const std::string& where, const char* why);

  const nlohmann::json* m_at;
  std::shared_ptr<std::string> m_problem;
  std::string m_path;  // "" or "areas[2]." (with the dot)
};

}  // namespace diemquet::client
