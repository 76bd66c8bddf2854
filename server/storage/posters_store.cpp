// Store's methods for the posters' short codes and the readiness probe (store.hpp), over
// runSql's dialect-neutral SQL like the office's.
#include "sql_values.hpp"
#include "store.hpp"

namespace diemquet::server {

using sql::text;

Result<std::vector<std::pair<std::string, std::string>>> Store::postersWithoutShortCode() {
  auto r = sql::one(*this, "SELECT DISTINCT venue_id, scan_point_id FROM posters WHERE short_code = ''");
  if (!r) return r.error();
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& row : r->rows) out.emplace_back(text(row[0]), text(row[1]));
  return out;
}

Status Store::setShortCodes(const std::vector<std::pair<std::pair<std::string, std::string>, std::string>>& codes) {
  std::vector<SqlStatement> updates;
  for (const auto& [point, code] : codes)
    updates.push_back({"UPDATE posters SET short_code = ? WHERE venue_id = ? AND scan_point_id = ? AND short_code = ''",
                       {code, point.first, point.second}});
  if (updates.empty()) return Done{};
  auto u = runSql(updates);
  if (!u) return u.error();
  return Done{};
}

Result<std::vector<PosterByShortCode>> Store::postersWithShortCode(const std::string& code) {
  auto r = sql::one(*this,
                    "SELECT p.venue_id, p.scan_point_id, p.url, p.key_id, v.name, s.name FROM posters p JOIN venues v "
                    "ON v.venue_id = p.venue_id JOIN scan_points s ON s.venue_id = p.venue_id AND s.scan_point_id = "
                    "p.scan_point_id WHERE p.short_code = ? ORDER BY p.issued_ms DESC",
                    {code});
  if (!r) return r.error();
  std::vector<PosterByShortCode> out;
  for (const auto& x : r->rows)
    out.push_back(PosterByShortCode{text(x[0]), text(x[1]), text(x[2]), text(x[3]), text(x[4]), text(x[5])});
  return out;
}

Result<bool> Store::touchHealthProbe(int64_t nowMs) {
  auto r = sql::one(*this, "UPDATE health_probe SET at_ms = ? WHERE id = 1", {nowMs});
  if (!r) return r.error();
  return r->changes == 1;
}

}  // namespace diemquet::server
