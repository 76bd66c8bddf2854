// Store's methods for the office's reads over many check-ins (store.hpp): contact tracing,
// the weekly report's counts, and the retention purge and roll-up that keep those counts
// after personal data is deleted. Over runSql, dialect-neutral; the invariants between
// rollup_state, daily_scans and weekly_scans are described in office/retention.cpp.
#include <algorithm>
#include <cctype>
#include <string_view>

#include "sql_values.hpp"
#include "store.hpp"

namespace diemquet::server {

using sql::integer;
using sql::text;

namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kWeekMs = 7 * kDayMs;
constexpr int64_t kVietnamOffsetMs = int64_t{7} * 3'600'000;  // UTC+7: days are Vietnam days
// The Monday of a day (days since 1970-01-01, a Thursday): weekly_scans' week key.
constexpr int64_t mondayOf(int64_t day) {
  return day - (day + 3) % 7;
}

// `{col} = ?` in `sql` becomes the area's column matching the area's code (the parameter) or
// any code it replaced (spliced as literals: area codes are letters and digits, checked here).
Result<std::string> withArea(std::string sql, const ReportArea& area) {
  auto col = sql::areaColumn(area.column);
  if (!col) return col.error();
  std::string olds;
  for (size_t i = 1; i < area.codes.size(); ++i) {
    const std::string& c = area.codes[i];
    if (c.empty() || !std::all_of(c.begin(), c.end(), [](char ch) { return std::isalnum((unsigned char)ch); }))
      return makeError(ErrorKind::Malformed, "an area code of letters and digits");
    olds += ",'" + c + "'";
  }
  if (!olds.empty())
    for (size_t p = 0; (p = sql.find("{col} = ?", p)) != std::string::npos;)
      sql.replace(p, 9, "{col} IN (?" + olds + ")");
  for (size_t p; (p = sql.find("{col}")) != std::string::npos;) sql.replace(p, 5, col.value());
  return sql;
}

std::vector<TraceRow> traceRows(const SqlRows& rows) {
  std::vector<TraceRow> out;
  for (const auto& x : rows.rows)
    out.push_back(TraceRow{text(x[0]), text(x[1]), integer(x[2]), text(x[3]), text(x[4]), text(x[5]), text(x[6]),
                           text(x[7]), text(x[8]), text(x[10]), integer(x[9])});
  return out;
}

// The number of entries a second phone repeated at the same gate (storage/repeated_entries.cpp:
// kept, but no scan of their own) at venue `venue` on the Vietnam day `day` (SQL expressions of
// the outer query); only those before `before` when it is given (a `?` or a column).
std::string repeatsOfDay(std::string_view venue, std::string_view day, std::string_view before = {}) {
  std::string sql = "(SELECT COUNT(*) FROM repeated_entries r WHERE r.venue_id = " + std::string(venue) +
                    " AND r.ts_ms >= " + std::string(day) + " * 86400000 - 25200000 AND r.ts_ms < " +
                    std::string(day) + " * 86400000 + 61200000";
  if (!before.empty()) sql += " AND r.ts_ms < " + std::string(before);
  return sql + ")";
}
// Those of the day `p.day` of venue `p.venue_id`: the roll-up's and the report's.
const std::string kRepeatsOfDay = repeatsOfDay("p.venue_id", "p.day");

const char* const kTraceSelect =
    "SELECT c.venue_id, v.name, v.default_stay_minutes, c.scan_point_id, c.person_kind, c.person_key, c.name, "
    "c.phone, c.dir, c.ts_ms, c.device_id FROM check_ins c JOIN venues v ON v.venue_id = c.venue_id WHERE ";

}  // namespace

// --- Tracing ---

Result<int64_t> Store::longestDefaultStayMinutes() {
  auto r = sql::one(*this, "SELECT COALESCE(MAX(default_stay_minutes), 120) FROM venues");
  if (!r) return r.error();
  return integer(r->rows.at(0).at(0));
}

Result<std::vector<TraceRow>> Store::checkInsOfPerson(const std::string& id, int64_t fromMs, int64_t toMs,
                                                      const char* areaColumn, const std::string& area) {
  auto col = sql::areaColumn(areaColumn);
  if (!col) return col.error();
  // Two index lookups, by person_key and by phone (the phone index holds only rows that have
  // one: `phone <> ''` lets both planners use it), rather than one OR the planner may price as
  // a walk over every venue of the area.
  const std::string select = kTraceSelect;
  const std::string rest = " AND c.ts_ms >= ? AND c.ts_ms < ? AND NOT c.voided AND v." + col.value() + " = ?";
  auto r = sql::one(*this,
                    select + "c.person_key = ?" + rest + " UNION ALL " + select +
                        "c.phone = ? AND c.phone <> '' AND c.person_key <> ?" + rest + " ORDER BY 10",
                    {id, fromMs, toMs, area, id, id, fromMs, toMs, area});
  if (!r) return r.error();
  return traceRows(r.value());
}

Result<std::vector<TraceRow>> Store::checkInsAtVenueExcept(const std::string& venueId, int64_t fromMs, int64_t toMs,
                                                           const std::string& exceptId) {
  auto r = sql::one(*this,
                    std::string(kTraceSelect) +
                        "c.venue_id = ? AND c.ts_ms >= ? AND c.ts_ms <= ? AND NOT c.voided AND c.person_key <> ? AND "
                        "c.phone <> ?",
                    {venueId, fromMs, toMs, exceptId, exceptId});
  if (!r) return r.error();
  return traceRows(r.value());
}

// --- The weekly report ---

Result<std::optional<RollupState>> Store::rollupState() {
  auto r = sql::one(*this, "SELECT through_day, through_seq FROM rollup_state");
  if (!r) return r.error();
  if (r->rows.empty()) return std::optional<RollupState>();
  return std::optional<RollupState>(RollupState{integer(r->rows[0][0]), integer(r->rows[0][1])});
}

Result<WeeklyReportRows> Store::weeklyReportRows(const ReportArea& area, int64_t weekStartMs) {
  if (area.codes.empty()) return makeError(ErrorKind::Malformed, "weeklyReportRows: no area code");
  const std::string& code = area.codes[0];
  const int64_t end = weekStartMs + kWeekMs;
  const int64_t start8 = weekStartMs - 7 * kWeekMs;
  const int64_t day8 = (start8 + kVietnamOffsetMs) / kDayMs;
  // The roll-up state is read first; a roll-up committing before the query below only moves
  // days from one branch to another (the state only grows; see rollUp in retention.cpp).
  auto state = rollupState();
  if (!state) return state.error();
  const int64_t throughDay = state->value_or(RollupState{}).throughDay;
  const int64_t throughSeq = state->value_or(RollupState{}).throughSeq;
  const int64_t throughMs = throughDay * kDayMs - kVietnamOffsetMs;
  // Branches may name the same (venue, bucket) more than once; the report adds them.
  std::string scansSql;
  std::vector<SqlValue> scansParams;
  // Check-ins of days not rolled up.
  scansSql +=
      "SELECT c.venue_id AS venue_id, (c.ts_ms - ?) / 604800000 AS b, COUNT(*) AS n FROM check_ins c JOIN venues v "
      "ON v.venue_id = c.venue_id WHERE v.{col} = ? AND c.ts_ms >= ? AND c.ts_ms < ? AND NOT c.voided GROUP BY 1, 2";
  scansParams.insert(scansParams.end(), {start8, code, std::max(start8, throughMs), end});
  // Less the entries a second phone repeated at the same gate (kept, not counted: few rows).
  scansSql +=
      " UNION ALL SELECT r.venue_id, (r.ts_ms - ?) / 604800000, -COUNT(*) FROM repeated_entries r JOIN venues v ON "
      "v.venue_id = r.venue_id WHERE v.{col} = ? AND r.ts_ms >= ? AND r.ts_ms < ? GROUP BY 1, 2";
  scansParams.insert(scansParams.end(), {start8, code, std::max(start8, throughMs), end});
  // Purged check-ins.
  scansSql +=
      " UNION ALL SELECT a.venue_id, (a.day - ?) / 7, SUM(a.scans) FROM daily_aggregates a JOIN venues v ON "
      "v.venue_id = a.venue_id WHERE v.{col} = ? AND a.day >= ? AND a.day < ? GROUP BY 1, 2";
  scansParams.insert(scansParams.end(), {day8, code, day8, day8 + 56});
  if (throughDay > day8) {
    // Rolled-up days, and the corrections of their (venue, day) pairs changed since. The rows
    // above through_seq are few: the unary + and the (never reached) upper bound keep SQLite's
    // planner, which has no histogram, on the ingest_seq index there.
    // Weeks whose seven days are rolled up come from weekly_scans, the other rolled-up days
    // (those of the week through_day falls in) from daily_scans.
    const int64_t fullWeeksEnd = std::min(mondayOf(throughDay), day8 + 56);
    scansSql +=
        " UNION ALL SELECT w.venue_id, (w.week - ?) / 7, w.scans FROM weekly_scans w JOIN venues v ON v.venue_id = "
        "w.venue_id WHERE v.{col} = ? AND w.week >= ? AND w.week < ?";
    scansParams.insert(scansParams.end(), {day8, code, day8, fullWeeksEnd});
    scansSql +=
        " UNION ALL SELECT s.venue_id, (s.day - ?) / 7, SUM(s.scans) FROM daily_scans s JOIN venues v ON "
        "v.venue_id = s.venue_id WHERE v.{col} = ? AND s.day >= ? AND s.day < ? GROUP BY 1, 2"
        " UNION ALL SELECT p.venue_id, (p.day - ?) / 7, (SELECT COUNT(*) FROM check_ins c WHERE c.venue_id = "
        "p.venue_id AND c.ts_ms >= p.day * 86400000 - 25200000 AND c.ts_ms < p.day * 86400000 + 61200000 AND NOT "
        "c.voided) - " + kRepeatsOfDay + " - COALESCE((SELECT s.scans FROM daily_scans s WHERE s.venue_id = "
        "p.venue_id AND s.day = p.day), 0) FROM (SELECT DISTINCT venue_id, (ts_ms + 25200000) / 86400000 AS day FROM check_ins WHERE ingest_seq > "
        "? AND ingest_seq <= 4611686018427387904 AND +ts_ms >= ? AND +ts_ms < ?) p JOIN venues v ON v.venue_id = "
        "p.venue_id WHERE v.{col} = ?";
    scansParams.insert(scansParams.end(), {day8, code, std::max(day8, fullWeeksEnd), std::min(throughDay, day8 + 56),
                                           day8, throughSeq, start8, std::min(throughMs, end), code});
  }
  auto venuesSql = withArea(
      "SELECT venue_id, name, category, ward_code, district_code, province_code, staff_count, verification, "
      "registered_ms, valid_from_ms, valid_to_ms, address FROM venues WHERE {col} = ? AND verification <> 'rejected' "
      "ORDER BY ward_code, name, venue_id",
      area);
  auto scans = withArea(scansSql, area);
  auto reminders = withArea(
      "SELECT r.venue_id, COUNT(*) FROM reminders r JOIN venues v ON v.venue_id = r.venue_id WHERE v.{col} = ? GROUP "
      "BY 1",
      area);
  auto violations = withArea(
      "SELECT r.venue_id, SUM(CASE WHEN r.created_ms >= ? AND r.created_ms < ? THEN 1 ELSE 0 END), SUM(CASE WHEN "
      "r.resolved_ms IS NULL THEN 1 ELSE 0 END) FROM violation_reports r JOIN venues v ON v.venue_id = r.venue_id "
      "WHERE v.{col} = ? GROUP BY 1",
      area);
  for (const auto* s : {&venuesSql, &scans, &reminders, &violations})
    if (!*s) return s->error();
  // One transaction: one snapshot on PostgreSQL too. The scans are the check-ins of days not
  // rolled up yet; the rolled-up counts of the others (weekly_scans, daily_scans); the counts
  // of purged check-ins (daily_aggregates); and, for a rolled-up day that got an upload or a
  // void after its roll-up (ingest_seq above through_seq), the difference between its
  // check-ins now and its rolled-up count. See rollUp() in retention.cpp.
  auto all = runSql({{venuesSql.value(), {code}},
                     {scans.value(), scansParams},
                     {reminders.value(), {code}},
                     {violations.value(), {weekStartMs, end, code}}});
  if (!all) return all.error();
  const auto& res = all.value();
  WeeklyReportRows out;
  for (const auto& x : res[0].rows)
    out.venues.push_back(ReportVenue{text(x[0]), text(x[1]), text(x[2]), text(x[3]), text(x[4]), text(x[5]),
                                     integer(x[6]), text(x[7]), integer(x[8]), integer(x[9]), integer(x[10]),
                                     text(x[11])});
  for (const auto& x : res[1].rows) out.scans.push_back(ReportScans{text(x[0]), integer(x[1]), integer(x[2])});
  for (const auto& x : res[2].rows) out.reminders.push_back(ReportVenueCount{text(x[0]), integer(x[1]), 0});
  for (const auto& x : res[3].rows)
    out.violations.push_back(ReportVenueCount{text(x[0]), integer(x[1]), integer(x[2])});
  return out;
}

Result<std::vector<std::string>> Store::venuesWithPosters(const ReportArea& area, int64_t beforeMs) {
  auto q = withArea(
      "SELECT DISTINCT p.venue_id FROM posters p JOIN venues v ON v.venue_id = p.venue_id WHERE v.{col} = ? AND "
      "p.issued_ms < ?",
      area);
  if (!q) return q.error();
  auto r = sql::one(*this, q.value(), {area.codes.at(0), beforeMs});
  if (!r) return r.error();
  std::vector<std::string> out;
  for (const auto& x : r->rows) out.push_back(text(x[0]));
  return out;
}

// --- Retention ---

Result<RollupCounts> Store::rollUpScans(int64_t throughDay) {
  // Read before the lock: a concurrent roll-up can only have moved the state on, and redoing
  // its work with the older values writes the same counts again.
  auto state = rollupState();
  if (!state) return state.error();
  if (!state.value()) return makeError(ErrorKind::Storage, "rollup_state has no row");
  const int64_t fromDay = state.value()->throughDay, fromSeq = state.value()->throughSeq;
  const int64_t fromMs = fromDay * kDayMs - kVietnamOffsetMs;
  const int64_t throughMs = throughDay * kDayMs - kVietnamOffsetMs;
  const bool pg = std::string_view(backendName()) == "postgres";
  std::vector<SqlStatement> st;
  if (pg) st.push_back({"LOCK TABLE check_ins IN SHARE ROW EXCLUSIVE MODE", {}});
  // 1. Pairs of days already rolled up with a later upload or void: counted again. (The unary
  //    + and the upper bound keep SQLite on the ingest_seq index: the rows above through_seq
  //    are few.)
  const size_t recomputeAt = st.size();
  if (fromDay > 0)  // none before the first roll-up
    st.push_back(
        {"INSERT INTO daily_scans(venue_id, day, scans) SELECT p.venue_id, p.day, (SELECT COUNT(*) FROM check_ins c "
         "WHERE c.venue_id = p.venue_id AND c.ts_ms >= p.day * 86400000 - 25200000 AND c.ts_ms < p.day * 86400000 + "
         "61200000 AND NOT c.voided) - " + kRepeatsOfDay + " FROM (SELECT DISTINCT venue_id, (ts_ms + "
         "25200000) / 86400000 AS day FROM check_ins WHERE ingest_seq > ? AND ingest_seq <= 4611686018427387904 AND "
         "+ts_ms < ?) p WHERE 1 = 1 ON "
         "CONFLICT(venue_id, day) DO UPDATE SET scans = excluded.scans",
         {fromSeq, fromMs}});
  // 2. Days closed since the last roll-up.
  const size_t countAt = st.size();
  st.push_back(
      {"INSERT INTO daily_scans(venue_id, day, scans) SELECT p.venue_id, p.day, p.n - " + kRepeatsOfDay +
           " FROM (SELECT venue_id, (ts_ms + 25200000) / 86400000 AS day, COUNT(*) AS n FROM check_ins WHERE ts_ms "
           ">= ? AND ts_ms < ? AND NOT voided GROUP BY 1, 2) p WHERE 1 = 1 ON CONFLICT(venue_id, day) DO UPDATE SET "
           "scans = excluded.scans",
       {fromMs, throughMs}});
  // 3. Weekly sums of the weeks whose days changed in 1, when all seven are rolled up, and of
  //    the weeks all of whose days are rolled up now (the weekly_scans invariant, migration 107).
  if (fromDay > 0)
    st.push_back(
        {"INSERT INTO weekly_scans(venue_id, week, scans) SELECT d.venue_id, p.week, SUM(d.scans) FROM (SELECT "
         "DISTINCT venue_id, (ts_ms + 25200000) / 86400000 - ((ts_ms + 25200000) / 86400000 + 3) % 7 AS week FROM "
         "check_ins WHERE ingest_seq > ? AND ingest_seq <= 4611686018427387904 AND +ts_ms < ?) p JOIN daily_scans d "
         "ON d.venue_id = p.venue_id AND d.day >= p.week AND d.day < p.week + 7 WHERE p.week + 7 <= ? GROUP BY 1, 2 "
         "ON CONFLICT(venue_id, week) DO UPDATE SET scans = excluded.scans",
         {fromSeq, fromMs, throughDay}});
  st.push_back(
      {"INSERT INTO weekly_scans(venue_id, week, scans) SELECT venue_id, day - (day + 3) % 7, SUM(scans) FROM "
       "daily_scans WHERE day >= ? AND day < ? GROUP BY 1, 2 ON CONFLICT(venue_id, week) DO UPDATE SET scans = "
       "excluded.scans",
       {mondayOf(std::max<int64_t>(fromDay, 3)), mondayOf(std::max<int64_t>(throughDay, 3))}});
  // The state only grows (the report relies on it).
  st.push_back(
      {"UPDATE rollup_state SET through_day = CASE WHEN through_day < ? THEN ? ELSE through_day END, "
       "through_seq = CASE WHEN (SELECT MAX(ingest_seq) FROM check_ins) > through_seq THEN (SELECT "
       "MAX(ingest_seq) FROM check_ins) ELSE through_seq END",
       {throughDay, throughDay}});
  // PostgreSQL plans the report's read of daily_scans by its statistics; autovacuum would
  // take its time to notice a table that grew by a day of every venue.
  if (pg) st.push_back({"ANALYZE daily_scans, weekly_scans", {}});
  auto r = runSql(st);
  if (!r) return r.error();
  RollupCounts out;
  if (fromDay > 0) out.recomputed = r.value()[recomputeAt].changes;
  out.counted = r.value()[countAt].changes;
  return out;
}

Result<PurgeCounts> Store::purgeBefore(int64_t cutoff, int64_t sessionsBeforeMs,
                                       const std::optional<SqlStatement>& dropMonths) {
  // The Vietnam day the cutoff falls in: days before it are deleted whole, so their rolled-up
  // counts of stored check-ins go (the same scans are now in daily_aggregates); that day
  // itself is deleted in part, so its rolled-up counts are taken again from what is left.
  const int64_t cutDay = (cutoff + kVietnamOffsetMs) / kDayMs;
  const int64_t cutDayStart = cutDay * kDayMs - kVietnamOffsetMs;
  const int64_t cutWeek = mondayOf(std::max<int64_t>(cutDay, 3));
  std::vector<SqlStatement> st{
      {"INSERT INTO daily_aggregates(venue_id, day, scans) SELECT p.venue_id, p.day, p.n - " +
           repeatsOfDay("p.venue_id", "p.day", "?") + " FROM (SELECT venue_id, (ts_ms + 25200000) / 86400000 AS day, "
       "COUNT(*) AS n FROM check_ins WHERE ts_ms < ? AND NOT voided GROUP BY 1, 2) p WHERE 1 = 1 "
       "ON CONFLICT(venue_id, day) DO UPDATE SET scans = daily_aggregates.scans + excluded.scans",
       {cutoff, cutoff}},
      {"DELETE FROM check_ins WHERE ts_ms < ?", {cutoff}},
      {"DELETE FROM repeated_entries WHERE ts_ms < ?", {cutoff}},
      {"DELETE FROM conflicts WHERE received_ms < ?", {cutoff}},
      {"DELETE FROM office_sessions WHERE last_used_ms < ?", {sessionsBeforeMs}},
      {"DELETE FROM daily_scans WHERE day < ?", {cutDay}},
      {"UPDATE daily_scans SET scans = (SELECT COUNT(*) FROM check_ins c WHERE c.venue_id = daily_scans.venue_id "
       "AND c.ts_ms >= ? AND c.ts_ms < ? AND NOT c.voided) - " +
           repeatsOfDay("daily_scans.venue_id", "daily_scans.day") + " WHERE day = ?",
       {cutDayStart, cutDayStart + kDayMs, cutDay}},
      // Weekly sums: weeks before the cutoff's go with their days; the cutoff's week is summed
      // again (when all its days are rolled up).
      {"DELETE FROM weekly_scans WHERE week <= ?", {cutWeek}},
      {"INSERT INTO weekly_scans(venue_id, week, scans) SELECT venue_id, ?, SUM(scans) FROM daily_scans WHERE day "
       ">= ? AND day < ? AND ? <= (SELECT through_day FROM rollup_state) GROUP BY venue_id",
       {cutWeek, cutWeek, cutWeek + 7, cutWeek + 7}},
  };
  if (dropMonths) st.insert(st.begin() + 1, *dropMonths);  // after the counts, before the DELETE
  auto r = runSql(st);
  if (!r) return r.error();
  if (!dropMonths) return PurgeCounts{r.value()[1].changes, 0};
  const auto& dropped = r.value()[1].rows.at(0);
  return PurgeCounts{integer(dropped.at(1)) + r.value()[2].changes, integer(dropped.at(0))};
}

}  // namespace diemquet::server
