// Entries a second phone repeated at the same gate (session 12), written once over runSql's
// dialect-neutral SQL for both backends. The marks live in repeated_entries, beside the
// check-ins they name; the report's counts subtract them (office_reports.cpp).
#include "sql_values.hpp"
#include "store.hpp"

namespace diemquet::server {

using sql::integer;
using sql::text;

Result<std::vector<TimelineRow>> Store::timelineRowsOfVenue(const std::string& venueId, int64_t fromMs, int64_t toMs,
                                                          const std::vector<std::string>& personKeys,
                                                          const std::vector<std::string>& phones) {
  // By person (check_ins_by_person, check_ins_by_phone), a few hundred names per statement.
  // "venue_id || ''" keeps both planners off the venue's time index (check_ins_report): a busy
  // venue's two stays are thousands of rows, its people's a few (ingest at 7,500 check-ins/s
  // instead of 30,000 on SQLite with that index).
  constexpr size_t kPerStatement = 400;
  std::vector<SqlStatement> st;
  auto select = [&](const char* column, const std::vector<std::string>& values) {
    for (size_t at = 0; at < values.size(); at += kPerStatement) {
      SqlStatement s{"SELECT person_kind, person_key, phone, device_id, seq, scan_point_id, ts_ms, dir FROM check_ins "
                     "WHERE venue_id || '' = ? AND ts_ms >= ? AND ts_ms <= ? AND NOT voided AND " +
                         std::string(column) + " IN (",
                     {venueId, fromMs, toMs}};
      for (size_t i = at; i < values.size() && i < at + kPerStatement; ++i) {
        s.sql += i == at ? "?" : ", ?";
        s.params.push_back(values[i]);
      }
      s.sql += std::string(")") + (std::string_view(column) == "phone" ? " AND phone <> '' AND person_key = ''" : "");
      st.push_back(std::move(s));
    }
  };
  select("person_key", personKeys);
  select("phone", phones);
  std::vector<TimelineRow> out;
  if (st.empty()) return out;
  auto r = runSql(st);
  if (!r) return r.error();
  for (const SqlRows& rows : r.value())
    for (const auto& row : rows.rows) {
      TimelineRow t;
      const std::string key = text(row[1]), phone = text(row[2]);
      // One person whichever way the key was taken (her card scanned, or typed by hand), as the
      // presence answer groups them (sync/presence_api.cpp).
      t.person = key.empty() ? "phone:" + phone : key;
      t.id = RecordId{text(row[3]), integer(row[4])};
      t.scanPoint = text(row[5]);
      t.atMs = integer(row[6]);
      t.in = text(row[7]) != "out";
      out.push_back(std::move(t));
    }
  return out;
}

Result<std::vector<RecordId>> Store::repeatedEntriesOfVenue(const std::string& venueId, int64_t fromMs, int64_t toMs) {
  auto r = sql::one(*this, "SELECT device_id, seq FROM repeated_entries WHERE venue_id = ? AND ts_ms >= ? AND ts_ms <= ?",
                    {venueId, fromMs, toMs});
  if (!r) return r.error();
  std::vector<RecordId> out;
  for (const auto& row : r->rows) out.push_back(RecordId{text(row[0]), integer(row[1])});
  return out;
}

Status Store::changeRepeatedEntries(const std::string& venueId, const std::vector<TimelineRow>& marked,
                                    const std::vector<RecordId>& unmarked) {
  std::vector<SqlStatement> st;
  // The check-in gets a new ingest_seq (the trigger on "UPDATE OF voided" fires for a listed
  // column, changed or not), so a day already rolled up is counted again (retention.cpp).
  auto reseq = [&](const RecordId& id) {
    st.push_back({"UPDATE check_ins SET voided = voided WHERE venue_id = ? AND device_id = ? AND seq = ?",
                  {venueId, id.deviceId, id.seq}});
  };
  for (const TimelineRow& t : marked) {
    st.push_back({"INSERT INTO repeated_entries(venue_id, device_id, seq, ts_ms) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT(device_id, seq) DO NOTHING",
                  {venueId, t.id.deviceId, t.id.seq, t.atMs}});
    reseq(t.id);
  }
  for (const RecordId& id : unmarked) {
    st.push_back({"DELETE FROM repeated_entries WHERE device_id = ? AND seq = ?", {id.deviceId, id.seq}});
    reseq(id);
  }
  if (st.empty()) return Done{};
  auto r = runSql(st);
  if (!r) return r.error();
  return Done{};
}

}  // namespace diemquet::server
