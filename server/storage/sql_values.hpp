// Reading runSql's values in the typed store methods (registrations.cpp, office_*.cpp): a
// column read as what the method expects whatever the backend returned for it.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <string>
#include <variant>

#include "store.hpp"

namespace diemquet::server::sql {

inline std::string text(const SqlValue& v) {
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (auto b = std::get_if<SqlBlob>(&v)) return b->bytes;
  return {};
}
inline int64_t integer(const SqlValue& v) {
  if (auto i = std::get_if<int64_t>(&v)) return *i;
  if (auto d = std::get_if<double>(&v)) return int64_t(*d);
  if (auto s = std::get_if<std::string>(&v)) return std::strtoll(s->c_str(), nullptr, 10);
  return 0;
}
inline bool isNull(const SqlValue& v) {
  return std::holds_alternative<std::monostate>(v);
}
// NULL for 0: the optional times (valid_from_ms, ...).
inline SqlValue nullIfZero(int64_t v) {
  return v ? SqlValue(v) : SqlValue();
}
// The one statement's rows of a runSql answer.
inline Result<SqlRows> one(Store& store, std::string statement, std::vector<SqlValue> params = {}) {
  auto r = store.runSql({SqlStatement{std::move(statement), std::move(params)}});
  if (!r) return r.error();
  return std::move(r.value()[0]);
}
// An area column of venues, checked (the column name is spliced into SQL).
inline Result<std::string> areaColumn(const char* column) {
  const std::string c = column ? column : "";
  if (c != "province_code" && c != "district_code" && c != "ward_code")
    return makeError(ErrorKind::Malformed, "not an area column: " + c);
  return c;
}

}  // namespace diemquet::server::sql
