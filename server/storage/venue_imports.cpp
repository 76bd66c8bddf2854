// Store's venue-import methods (store.hpp), over runSql in the dialect-neutral subset both
// backends run. Rows go in multi-row INSERTs of a few hundred: 20,000 venues are a few hundred
// statements in one transaction, not 40,000 round trips.
#include "sql_values.hpp"
#include "store.hpp"

namespace diemquet::server {

namespace {

// "(?,?,?),(?,?,?)" for `rows` rows of `columns` values.
std::string placeholders(size_t rows, size_t columns) {
  std::string one = "(";
  for (size_t c = 0; c < columns; ++c) one += c ? ",?" : "?";
  one += ")";
  std::string out;
  for (size_t r = 0; r < rows; ++r) out += (r ? "," : "") + one;
  return out;
}

constexpr size_t kVenuesPerInsert = 400;   // 13 values each: within SQLite's 32,766 variables
constexpr size_t kPointsPerInsert = 1000;  // 3 values each

}  // namespace

Result<std::vector<VenueNameInWard>> Store::venueNamesInWards(const std::vector<std::string>& wards) {
  std::vector<VenueNameInWard> out;
  for (size_t from = 0; from < wards.size(); from += 500) {
    const size_t n = std::min<size_t>(500, wards.size() - from);
    std::vector<SqlValue> params(wards.begin() + long(from), wards.begin() + long(from + n));
    auto r =
        runSql({{"SELECT venue_id, ward_code, name FROM venues WHERE verification <> 'rejected' AND ward_code IN " +
                     placeholders(1, n) + " ORDER BY ward_code, venue_id",
                 std::move(params)}});
    if (!r) return r.error();
    for (const auto& x : r.value()[0].rows) out.push_back({sql::text(x[0]), sql::text(x[1]), sql::text(x[2])});
  }
  return out;
}

Status Store::importVenues(const std::vector<ImportedVenue>& venues, const std::string& officer, int64_t nowMs,
                           const std::string& auditTarget, const std::string& auditDetail) {
  std::vector<SqlStatement> st;
  for (size_t from = 0; from < venues.size(); from += kVenuesPerInsert) {
    const size_t n = std::min(kVenuesPerInsert, venues.size() - from);
    SqlStatement s{
        "INSERT INTO venues(venue_id, name, address, category, staff_count, default_stay_minutes, "
        "province_code, district_code, ward_code, phone, registered_ms, name_key, address_key) VALUES " +
            placeholders(n, 13),
        {}};
    for (size_t i = from; i < from + n; ++i) {
      const ImportedVenue& x = venues[i];
      const Venue& v = x.venue;
      s.params.insert(s.params.end(),
                      {v.id, v.name, v.address, v.category, int64_t(v.staffCount), int64_t(v.defaultStayMinutes),
                       x.province, x.district, x.ward, x.phone, nowMs, x.nameKey, x.addressKey});
    }
    st.push_back(std::move(s));
  }
  std::vector<const ScanPoint*> points;
  for (const ImportedVenue& x : venues)
    for (const ScanPoint& p : x.points) points.push_back(&p);
  for (size_t from = 0; from < points.size(); from += kPointsPerInsert) {
    const size_t n = std::min(kPointsPerInsert, points.size() - from);
    SqlStatement s{"INSERT INTO scan_points(venue_id, scan_point_id, name) VALUES " + placeholders(n, 3), {}};
    for (size_t i = from; i < from + n; ++i)
      s.params.insert(s.params.end(), {points[i]->venueId, points[i]->id, points[i]->name});
    st.push_back(std::move(s));
  }
  st.push_back({"INSERT INTO audit_log(at_ms, username, action, target, reason, detail) VALUES (?,?,?,?,?,?)",
                {nowMs, officer, std::string("import_venues"), auditTarget, std::string(), auditDetail}});
  auto r = runSql(st);
  if (!r) return r.error();
  return Done{};
}

}  // namespace diemquet::server
