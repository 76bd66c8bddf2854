// Retention: check-ins older than the period are counted into daily_aggregates (so weekly
// reports keep their numbers) and deleted in the same transaction, with the conflict records
// (they hold whole check-ins) and ended office sessions. The roll-up counts closed days into
// daily_scans for the weekly report. Both run hourly in `serve` and on demand as `admin purge`
// and `admin rollup`.
#include <algorithm>
#include <condition_variable>
#include <thread>

#include "office_api.hpp"
#include "office_db.hpp"
#include "ops/metrics.hpp"
#include "ops/partitions.hpp"

namespace diemquet::server::office {

Result<int64_t> purge(Store& store, int64_t nowMs, int days) {
  const int64_t cutoff = nowMs - int64_t(days) * kDayMs;
  // PostgreSQL: months are created ahead, and months wholly before the cutoff are dropped
  // rather than deleted row by row (server/ops/partitions.hpp).
  if (auto made = partitions::ensureMonths(store, cutoff, nowMs); !made) return made.error();
  auto r = store.purgeBefore(cutoff, nowMs - 8 * 3'600'000, partitions::dropMonthsBefore(store, cutoff));
  if (!r) return r.error();
  if (r->partitionsDropped) metrics::partitionsDropped(r->partitionsDropped);
  return r->checkIns;
}

// Invariants kept by the roll-up and the purge (Store::rollUpScans, Store::purgeBefore in
// storage/office_reports.cpp): for every day d < rollup_state.through_day, daily_scans
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
  auto r = store.rollUpScans(out.throughDay);
  if (!r) return r.error();
  out.counted = r->counted;
  out.recomputed = r->recomputed;
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
