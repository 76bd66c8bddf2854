#include "pg_bulk.hpp"

namespace diemquet::server::pg {

std::string textArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char ch : values[i]) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string bigintArray(const std::vector<int64_t>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + std::to_string(values[i]);
  out += '}';
  return out;
}

Status insertCheckIns(PgConn& c, const std::vector<const CheckIn*>& rows, const std::vector<int64_t>& receivedMs) {
  if (rows.empty()) return Done{};
  constexpr int kColumns = 14;
  std::vector<std::vector<std::string>> cols(kColumns);
  for (auto& col : cols) col.reserve(rows.size());
  for (const CheckIn* r : rows) {
    cols[0].push_back(r->deviceId);
    cols[1].push_back(std::to_string(r->seq));
    cols[2].push_back(r->venueId);
    cols[3].push_back(r->scanPointId);
    cols[4].push_back(std::string(toString(r->person.kind)));
    cols[5].push_back(r->person.key);
    cols[6].push_back(r->person.displayName);
    cols[7].push_back(r->person.phone);
    cols[8].push_back(std::to_string(r->person.birthYear));
    cols[9].push_back(std::string(toString(r->direction)));
    cols[10].push_back(std::to_string(r->at.utcMs));
    cols[11].push_back(std::to_string(r->at.offsetMinutes));
    cols[12].push_back(r->voided ? "true" : "false");
  }
  for (int64_t ms : receivedMs) cols[13].push_back(std::to_string(ms));
  std::vector<Param> params;
  params.reserve(kColumns);
  for (const auto& col : cols) params.emplace_back(textArray(col));
  auto r = c.execPrepared(
      "INSERT INTO check_ins(device_id, seq, venue_id, scan_point_id, person_kind, person_key, name, phone, "
      "birth_year, dir, ts_ms, tz_min, voided, received_ms) "
      "SELECT d, s, v, sp, pk, k, n, ph, by, dir, ts, tz, vo, rcv FROM unnest($1::text[], $2::bigint[], "
      "$3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[], "
      "$11::bigint[], $12::int[], $13::boolean[], $14::bigint[]) AS t(d, s, v, sp, pk, k, n, ph, by, dir, ts, tz, vo, rcv)",
      params);
  if (!r) return r.error();
  return Done{};
}

}  // namespace diemquet::server::pg
