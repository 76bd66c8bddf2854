// The wire and journal form of a check-in (JSON), shared by the station and the server.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "check_in.hpp"
#include "result.hpp"

namespace diemquet {

nlohmann::json toJson(const CheckIn& c);
// Strict: every field present with the right type and a sane value; unknown fields ignored.
Result<CheckIn> checkInFromJson(const nlohmann::json& j);

// One field of a check-in object as a parser saw it (strings point into their owner).
enum class FieldType { Missing, String, Integer, Boolean, Other };
struct FieldRef {
  FieldType type = FieldType::Missing;
  const std::string* s = nullptr;
  int64_t i = 0;
  bool b = false;
};

// A check-in object as a flat list of fields, for parsers that never build a JSON tree (the
// server's streaming upload parser). checkInFromFields applies exactly checkInFromJson's rules.
class CheckInFields {
 public:
  void add(std::string key, FieldRef value, std::string text = {});  // text: the value of a String
  FieldRef find(std::string_view key) const;
  void clear() { m_fields.clear(); }

 private:
  struct Field {
    std::string key;
    FieldRef value;
    std::string text;
  };
  std::vector<Field> m_fields;
};
Result<CheckIn> checkInFromFields(const CheckInFields& fields);

// Limits a check-in must respect wherever it comes from.
constexpr int64_t kEarliestCheckInMs = 1577836800000;  // 2020-01-01T00:00:00Z
constexpr int64_t kMaxClockSkewMs = 10 * 60 * 1000;      // a station clock may run 10 min fast
constexpr size_t kMaxIdLength = 64;
constexpr size_t kMaxTextBytes = 400;

}  // namespace diemquet
