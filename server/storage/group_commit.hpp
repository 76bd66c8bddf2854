// Group commit for uploads. Uploads that arrive while `maxConcurrent` commits are in flight
// wait in a queue; when one ends, the first of them to wake takes the whole queue and commits
// it in one transaction (one fsync, one set of round trips), then wakes the others with their
// results. SQLite has one writer (1); PostgreSQL gains from a few transactions side by side.
// Under load many stations share one commit instead of each waiting for its own; alone, an
// upload commits at once. Used by both backends (sqlite_store.cpp, pg_store.cpp).
#pragma once
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "../ops/metrics.hpp"
#include "store.hpp"

namespace diemquet::server {

struct PendingIngest {
  const std::vector<CheckIn>* batch;
  int64_t receivedMs;
  std::optional<Result<IngestResult>> result;  // set by the committer
  bool done = false;  // set under the queue's lock once the commit has returned
};

class GroupCommit {
 public:
  explicit GroupCommit(int maxConcurrent = 1) : m_max(maxConcurrent) {}
  // `commit` must set every request's result; it runs on the calling thread of one of them.
  using Committer = std::function<void(const std::vector<PendingIngest*>&)>;

  Result<IngestResult> run(const std::vector<CheckIn>& batch, int64_t receivedMs, const Committer& commit) {
    PendingIngest me{&batch, receivedMs, std::nullopt, false};
    std::unique_lock q(m_mutex);
    m_queue.push_back(&me);
    while (!me.done) {
      if (m_committing >= m_max || m_queue.empty()) {
        m_cv.wait(q);
        continue;
      }
      ++m_committing;
      std::vector<PendingIngest*> group;
      group.swap(m_queue);
      q.unlock();
      metrics::groupCommitted(group.size());
      commit(group);
      q.lock();
      for (PendingIngest* p : group) p->done = true;
      --m_committing;
      m_cv.notify_all();
    }
    return std::move(*me.result);
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::vector<PendingIngest*> m_queue;
  const int m_max;
  int m_committing = 0;
};

}  // namespace diemquet::server
