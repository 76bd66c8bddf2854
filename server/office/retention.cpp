// Retention: check-ins older than the period are counted into daily_aggregates (so weekly
// reports keep their numbers) and deleted in the same transaction, with the conflict records
// (they hold whole check-ins) and ended office sessions. Runs hourly in `serve` and on demand
// as `admin purge`.
#include <condition_variable>
#include <thread>

#include "office_api.hpp"
#include "office_db.hpp"

namespace diemquet::server::office {

Result<int64_t> purge(Store& store, int64_t nowMs, int days) {
  const int64_t cutoff = nowMs - int64_t(days) * kDayMs;
  auto r = store.runSql({
      {"INSERT INTO daily_aggregates(venue_id, day, scans) SELECT venue_id, (ts_ms + 25200000) / 86400000, COUNT(*) "
       "FROM check_ins WHERE ts_ms < ? AND NOT voided GROUP BY 1, 2 "
       "ON CONFLICT(venue_id, day) DO UPDATE SET scans = daily_aggregates.scans + excluded.scans",
       {cutoff}},
      {"DELETE FROM check_ins WHERE ts_ms < ?", {cutoff}},
      {"DELETE FROM conflicts WHERE received_ms < ?", {cutoff}},
      {"DELETE FROM office_sessions WHERE last_used_ms < ?", {nowMs - 8 * 3'600'000}},
  });
  if (!r) return r.error();
  return r.value()[1].changes;
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
