// Store's self-registration methods (store.hpp), over runSql: the statements are the
// dialect-neutral subset both backends run (PostgreSQL rewrites `?` to `$n`).
#include "sql_values.hpp"
#include "store.hpp"

namespace diemquet::server {

using sql::integer;
using sql::text;

Status Store::registerSelfVenue(const SelfRegistration& r) {
  const Venue& v = r.venue;
  std::vector<SqlStatement> st;
  st.push_back(
      {"INSERT INTO venues(venue_id, name, address, category, staff_count, default_stay_minutes, "
       "province_code, district_code, ward_code, phone, registered_ms, verification, name_key, address_key) "
       "VALUES (?,?,?,?,?,?,?,?,?,?,?,'self',?,?)",
       {v.id, v.name, v.address, v.category, int64_t(v.staffCount), int64_t(v.defaultStayMinutes), r.province,
        r.district, r.ward, r.phone, r.registeredMs, r.nameKey, r.addressKey}});
  for (const ScanPoint& p : r.points)
    st.push_back({"INSERT INTO scan_points(venue_id, scan_point_id, name) VALUES (?,?,?)", {v.id, p.id, p.name}});
  st.push_back({"INSERT INTO venue_owners(venue_id, key_hash, phone_key, created_ms) VALUES (?,?,?,?)",
                {v.id, r.ownerKeyHash, r.phoneKey, r.registeredMs}});
  for (const std::string& h : r.codeHashes)
    st.push_back({"INSERT INTO enrollment_codes(venue_id, code_hash, created_ms, expires_ms) VALUES (?,?,?,?)",
                  {v.id, h, r.registeredMs, r.codesExpireMs}});
  auto w = runSql(st);
  if (!w) return w.error();
  return Done{};
}

Result<int64_t> Store::selfRegistrationsOfPhone(const std::string& phoneKey, int64_t sinceMs) {
  auto r = runSql({{"SELECT COUNT(*) FROM venue_owners WHERE phone_key = ? AND created_ms >= ?", {phoneKey, sinceMs}}});
  if (!r) return r.error();
  return integer(r.value()[0].rows[0][0]);
}

Result<std::vector<std::string>> Store::venuesAlike(const std::string& ward, const std::string& nameKey,
                                                    const std::string& addressKey, const std::string& except) {
  auto r =
      runSql({{"SELECT venue_id FROM venues WHERE ward_code = ? AND venue_id <> ? AND verification <> 'rejected' "
               "AND ((name_key = ? AND name_key <> '') OR (address_key = ? AND address_key <> '')) "
               "ORDER BY venue_id LIMIT 20",
               {ward, except, nameKey, addressKey}}});
  if (!r) return r.error();
  std::vector<std::string> out;
  for (const auto& row : r.value()[0].rows) out.push_back(text(row[0]));
  return out;
}

Result<std::optional<OwnedVenue>> Store::venueOfOwnerKey(const std::string& keyHash) {
  auto r =
      runSql({{"SELECT o.venue_id, v.ward_code, v.verification, v.verification_note FROM venue_owners o JOIN venues v "
               "ON v.venue_id = o.venue_id WHERE o.key_hash = ?",
               {keyHash}}});
  if (!r) return r.error();
  if (r.value()[0].rows.empty()) return std::optional<OwnedVenue>();
  const auto& x = r.value()[0].rows[0];
  return std::optional<OwnedVenue>(OwnedVenue{text(x[0]), text(x[1]), text(x[2]), text(x[3])});
}

Result<std::vector<VenueToVerify>> Store::venuesToVerify(const char* areaColumn, const std::string& area) {
  const std::string col = areaColumn;
  if (col != "province_code" && col != "district_code" && col != "ward_code")
    return makeError(ErrorKind::Malformed, "venuesToVerify: not an area column");
  auto r =
      runSql({{"SELECT venue_id, name, address, category, phone, ward_code, verification, staff_count, "
               "registered_ms, name_key, address_key FROM venues WHERE verification = 'self' AND " +
                   col + " = ? ORDER BY registered_ms, venue_id LIMIT 500",
               {area}}});
  if (!r) return r.error();
  std::vector<VenueToVerify> out;
  for (const auto& x : r.value()[0].rows) {
    VenueToVerify v{text(x[0]), text(x[1]), text(x[2]),    text(x[3]),    text(x[4]),
                    text(x[5]), text(x[6]), integer(x[7]), integer(x[8]), {}};
    auto alike = venuesAlike(v.ward, text(x[9]), text(x[10]), v.venueId);
    if (!alike) return alike.error();
    v.sameAs = std::move(alike).value();
    out.push_back(std::move(v));
  }
  return out;
}

Result<bool> Store::decideVenue(const std::string& venueId, bool confirm, const std::string& officer,
                                const std::string& note, int64_t nowMs) {
  auto r = runSql({{"UPDATE venues SET verification = ?, verified_by = ?, verified_ms = ?, verification_note = ? WHERE "
                    "venue_id = ? AND verification = 'self'",
                    {std::string(confirm ? "verified" : "rejected"), officer, nowMs, note, venueId}},
                   {"INSERT INTO audit_log(at_ms, username, action, target, reason, detail) SELECT ?, ?, ?, ?, ?, '' "
                    "WHERE EXISTS (SELECT 1 FROM venues WHERE venue_id = ? AND verified_ms = ? AND verified_by = ?)",
                    {nowMs, officer, std::string(confirm ? "confirm_venue" : "reject_venue"), venueId, note, venueId,
                     nowMs, officer}}});
  if (!r) return r.error();
  return r.value()[0].changes > 0;
}

Result<std::vector<std::string>> Store::rejectedVenues(const std::vector<std::string>& venueIds) {
  std::vector<std::string> out;
  if (venueIds.empty()) return out;
  std::string sql = "SELECT venue_id FROM venues WHERE verification = 'rejected' AND venue_id IN (";
  std::vector<SqlValue> params;
  for (const std::string& id : venueIds) {
    sql += params.empty() ? "?" : ",?";
    params.push_back(id);
  }
  auto r = runSql({{sql + ")", std::move(params)}});
  if (!r) return r.error();
  for (const auto& row : r.value()[0].rows) out.push_back(text(row[0]));
  return out;
}

}  // namespace diemquet::server
