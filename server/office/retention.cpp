// Retention: check-ins older than the period are counted into daily_aggregates (so weekly
// reports keep their numbers) and deleted in the same transaction, with the conflict records
// (they hold whole check-ins) and ended office sessions. The roll-up counts closed days into
// daily_scans for the weekly report. Both run hourly in `serve` and on demand as `admin purge`
// and `admin rollup`.
#include <algorithm>
#include <condition_variable>
#include <string_view>
#include <thread>

#include "office_api.hpp"
#include "office_db.hpp"
#include "ops/metrics.hpp"
#include "ops/partitions.hpp"

namespace diemquet::server::office {

Result<int64_t> purge(Store& store, int64_t nowMs, int days) {
  const int64_t cutoff = nowMs - int64_t(days) * kDayMs;
  // The Vietnam day the cutoff falls in: days before it are deleted whole, so their rolled-up
  // counts of stored check-ins go (the same scans are now in daily_aggregates); that day
  // itself is deleted in part, so its rolled-up counts are taken again from what is left.
  const int64_t cutDay = (cutoff + kVietnamOffsetMs) / kDayMs;
  const int64_t cutDayStart = cutDay * kDayMs - kVietnamOffsetMs;
  const int64_t cutWeek = mondayOf(std::max<int64_t>(cutDay, 3));
  // PostgreSQL: months are created ahead, and months wholly before the cutoff are dropped
  // rather than deleted row by row (server/ops/partitions.hpp).
  if (auto made = partitions::ensureMonths(store, cutoff, nowMs); !made) return made.error();
  auto dropMonths = partitions::dropMonthsBefore(store, cutoff);
  std::vector<SqlStatement> st{
      {"INSERT INTO daily_aggregates(venue_id, day, scans) SELECT venue_id, (ts_ms + 25200000) / 86400000, COUNT(*) "
       "FROM check_ins WHERE ts_ms < ? AND NOT voided GROUP BY 1, 2 "
       "ON CONFLICT(venue_id, day) DO UPDATE SET scans = daily_aggregates.scans + excluded.scans",
       {cutoff}},
      {"DELETE FROM check_ins WHERE ts_ms < ?", {cutoff}},
      {"DELETE FROM conflicts WHERE received_ms < ?", {cutoff}},
      {"DELETE FROM office_sessions WHERE last_used_ms < ?", {nowMs - 8 * 3'600'000}},
      {"DELETE FROM daily_scans WHERE day < ?", {cutDay}},
      {"UPDATE daily_scans SET scans = (SELECT COUNT(*) FROM check_ins c WHERE c.venue_id = daily_scans.venue_id "
       "AND c.ts_ms >= ? AND c.ts_ms < ? AND NOT c.voided) WHERE day = ?",
       {cutDayStart, cutDayStart + kDayMs, cutDay}},
      // Weekly sums: weeks before the cutoff's go with their days; the cutoff's week is summed
      // again (when all its days are rolled up).
      {"DELETE FROM weekly_scans WHERE week <= ?", {cutWeek}},
      {"INSERT INTO weekly_scans(venue_id, week, scans) SELECT venue_id, ?, SUM(scans) FROM daily_scans WHERE day "
       ">= ? AND day < ? AND ? <= (SELECT through_day FROM rollup_state) GROUP BY venue_id",
       {cutWeek, cutWeek, cutWeek + 7, cutWeek + 7}},
  };
  if (dropMonths) st.insert(st.begin() + 1, *dropMonths);  // after the counts, before the DELETE
  auto r = store.runSql(st);
  if (!r) return r.error();
  if (!dropMonths) return r.value()[1].changes;
  const auto& dropped = r.value()[1].rows.at(0);
  metrics::partitionsDropped(std::get<int64_t>(dropped.at(0)));
  return std::get<int64_t>(dropped.at(1)) + r.value()[2].changes;
}

// Invariants kept here and in purge(): for every day d < rollup_state.through_day, daily_scans
// holds each venue's number of stored, non-voided check-ins of d, except for the (venue, day)
// pairs that have a check-in with ingest_seq > through_seq (uploaded or voided since); the
// report recomputes those pairs itself, and the next roll-up stores them again; weekly_scans
// holds, for every week whose days are all before through_day, the sum of its daily_scans rows
// (in every committed state: both change in one transaction). This relies on the ingest path
// giving every new row and every void an ingest_seq above all committed ones (the feed's
// contract, docs/api.md). On PostgreSQL the roll-up locks check_ins against writes for its
// duration, so no transaction can commit a lower ingest_seq after through_seq is read.
Result<RollupResult> rollUp(Store& store, int64_t nowMs) {
  RollupResult out;
  // Days that ended an hour ago or more: uploads for a day just closed are still arriving.
  out.throughDay = (nowMs - 3'600'000 + kVietnamOffsetMs) / kDayMs;
  const int64_t throughMs = out.throughDay * kDayMs - kVietnamOffsetMs;
  // Read before the lock: a concurrent roll-up can only have moved the state on, and redoing
  // its work with the older values writes the same counts again.
  auto state = query(store, "SELECT through_day, through_seq FROM rollup_state");
  if (!state) return state.error();
  if (state->rows.empty()) return makeError(ErrorKind::Storage, "rollup_state has no row");
  const int64_t fromDay = asInt(state->rows[0][0]), fromSeq = asInt(state->rows[0][1]);
  const int64_t fromMs = fromDay * kDayMs - kVietnamOffsetMs;
  const bool pg = std::string_view(store.backendName()) == "postgres";
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
         "61200000 AND NOT c.voided) FROM (SELECT DISTINCT venue_id, (ts_ms + 25200000) / 86400000 AS day FROM "
         "check_ins WHERE ingest_seq > ? AND ingest_seq <= 4611686018427387904 AND +ts_ms < ?) p WHERE 1 = 1 ON "
         "CONFLICT(venue_id, day) DO UPDATE SET scans = excluded.scans",
         {fromSeq, fromMs}});
  // 2. Days closed since the last roll-up.
  const size_t countAt = st.size();
  st.push_back(
      {"INSERT INTO daily_scans(venue_id, day, scans) SELECT venue_id, (ts_ms + 25200000) / 86400000, COUNT(*) FROM "
       "check_ins WHERE ts_ms >= ? AND ts_ms < ? AND NOT voided GROUP BY 1, 2 ON CONFLICT(venue_id, day) DO UPDATE "
       "SET scans = excluded.scans",
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
         {fromSeq, fromMs, out.throughDay}});
  st.push_back(
      {"INSERT INTO weekly_scans(venue_id, week, scans) SELECT venue_id, day - (day + 3) % 7, SUM(scans) FROM "
       "daily_scans WHERE day >= ? AND day < ? GROUP BY 1, 2 ON CONFLICT(venue_id, week) DO UPDATE SET scans = "
       "excluded.scans",
       {mondayOf(std::max<int64_t>(fromDay, 3)), mondayOf(std::max<int64_t>(out.throughDay, 3))}});
  // The state only grows (the report relies on it).
  st.push_back(
      {"UPDATE rollup_state SET through_day = CASE WHEN through_day < ? THEN ? ELSE through_day END, "
       "through_seq = CASE WHEN (SELECT MAX(ingest_seq) FROM check_ins) > through_seq THEN (SELECT "
       "MAX(ingest_seq) FROM check_ins) ELSE through_seq END",
       {out.throughDay, out.throughDay}});
  // PostgreSQL plans the report's read of daily_scans by its statistics; autovacuum would
  // take its time to notice a table that grew by a day of every venue.
  if (pg) st.push_back({"ANALYZE daily_scans, weekly_scans", {}});
  auto r = store.runSql(st);
  if (!r) return r.error();
  if (fromDay > 0) out.recomputed = r.value()[recomputeAt].changes;
  out.counted = r.value()[countAt].changes;
  return out;
}

namespace {
class Task final : public RetentionTask {
 public:
  Task(Store& store, Clock clock, Logger log) : m_thread([this, &store, clock, log] {
    std::unique_lock lock(m_mutex);
    do {
      lock.unlock();
      auto n = purge(store, clock(), retentionDays());
      if (log) log(n ? "retention: deleted " + std::to_string(n.value()) + " check-ins older than " +
                           std::to_string(retentionDays()) + " days"
                     : "retention: purge failed: " + n.error().message);
      lock.lock();
    } while (!m_cv.wait_for(lock, std::chrono::hours(1), [this] { return m_stop; }));
            auto u = rollUp(store, clock());
            if (log && !u) log("report roll-up failed: " + u.error().message);
  }) {}
  ~Task() override {
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_stop = false;
  std::thread m_thread;
};
}  // namespace

std::unique_ptr<RetentionTask> startRetentionTask(Store& store, Clock clock, Logger log) {
  return std::make_unique<Task>(store, std::move(clock), std::move(log));
}

}  // namespace diemquet::server::office
