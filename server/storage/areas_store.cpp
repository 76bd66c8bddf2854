// Store's administrative-area methods (store.hpp), over runSql's dialect-neutral SQL like the
// office's, so both backends run the same statements and the same tests. An import's rows go
// in multi-row INSERTs of 200 (8 values each): the country's 3,400 areas are 17 statements.
#include "sql_values.hpp"
#include "store.hpp"

namespace diemquet::server {

using sql::integer;
using sql::isNull;
using sql::text;

namespace {

constexpr size_t kAreasPerInsert = 200;

}  // namespace

Result<AreaTable> Store::areaTable() {
  auto r = runSql({{"SELECT n FROM area_generation", {}},
                   {"SELECT code, name, short_name, level, parent, kind, retired_ms FROM areas", {}},
                   {"SELECT old_code, new_code FROM area_successors ORDER BY old_code, new_code", {}}});
  if (!r) return r.error();
  const auto& res = r.value();
  AreaTable t;
  t.generation = res[0].rows.empty() ? 0 : integer(res[0].rows[0][0]);
  t.areas.reserve(res[1].rows.size());
  for (const auto& x : res[1].rows)
    t.areas.push_back({text(x[0]), text(x[1]), text(x[2]), text(x[3]), text(x[4]), text(x[5]), !isNull(x[6])});
  for (const auto& x : res[2].rows) t.successions.push_back({text(x[0]), text(x[1])});
  return t;
}

Result<int64_t> Store::areaGeneration() {
  auto r = sql::one(*this, "SELECT n FROM area_generation");
  if (!r) return r.error();
  if (r->rows.empty()) return makeError(ErrorKind::Storage, "area_generation has no row");
  return integer(r->rows[0][0]);
}

Result<std::vector<std::string>> Store::wardsWithVenues() {
  auto r = sql::one(*this, "SELECT DISTINCT ward_code FROM venues");
  if (!r) return r.error();
  std::vector<std::string> out;
  out.reserve(r->rows.size());
  for (const auto& x : r->rows) out.push_back(text(x[0]));
  return out;
}

Status Store::writeAreaImport(const AreaImportWrite& w) {
  std::vector<SqlStatement> st;
  for (size_t from = 0; from < w.upserts.size(); from += kAreasPerInsert) {
    const size_t n = std::min(kAreasPerInsert, w.upserts.size() - from);
    SqlStatement s{
        "INSERT INTO areas(code, name, short_name, level, parent, kind, source, imported_ms, retired_ms) VALUES ", {}};
    for (size_t k = from; k < from + n; ++k) {
      const AreaRecord& r = w.upserts[k];
      s.sql += k == from ? "(?,?,?,?,?,?,?,?,NULL)" : ",(?,?,?,?,?,?,?,?,NULL)";
      s.params.insert(s.params.end(), {r.code, r.name, r.shortName, r.level, r.parent, r.kind, w.source, w.nowMs});
    }
    s.sql +=
        " ON CONFLICT(code) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, level = "
        "excluded.level, parent = excluded.parent, kind = excluded.kind, source = excluded.source, imported_ms = "
        "excluded.imported_ms, retired_ms = NULL";
    st.push_back(std::move(s));
  }
  for (const std::string& code : w.retire)
    st.push_back({"UPDATE areas SET retired_ms = ? WHERE code = ? AND retired_ms IS NULL", {w.nowMs, code}});
  for (const Succession& s : w.successions)
    st.push_back(
        {"INSERT INTO area_successors(old_code, new_code, since_ms) VALUES (?,?,?)", {s.oldCode, s.newCode, w.nowMs}});
  st.push_back({"UPDATE area_generation SET n = n + 1", {}});
  st.push_back({"INSERT INTO audit_log(at_ms, username, action, target, reason, detail) VALUES (?,?,?,?,?,?)",
                {w.nowMs, std::string("admin"), std::string("import_areas"), w.structure, w.source, w.auditDetail}});
  auto r = runSql(st);
  if (!r) return r.error();
  return Done{};
}

Result<AreaStats> Store::areaStats() {
  auto r = runSql({{"SELECT level, kind, COUNT(*) FROM areas WHERE retired_ms IS NULL GROUP BY level, kind ORDER BY "
                    "level, kind",
                    {}},
                   {"SELECT COUNT(*) FROM areas WHERE retired_ms IS NOT NULL", {}},
                   {"SELECT COUNT(*) FROM area_successors", {}}});
  if (!r) return r.error();
  const auto& res = r.value();
  AreaStats s;
  for (const auto& x : res[0].rows) s.current.push_back({text(x[0]), text(x[1]), integer(x[2])});
  s.retired = integer(res[1].rows[0][0]);
  s.successions = integer(res[2].rows[0][0]);
  return s;
}

}  // namespace diemquet::server
