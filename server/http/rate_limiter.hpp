// The one rate limiter (failed office logins, public violation reports, visitor self
// check-ins): a sliding window of hit times per key, in memory per server process. Keys with
// no hit inside the window are forgotten (swept at most once per window), so memory follows
// the callers active in the last window, not every caller ever seen. Time comes in from the
// caller (the API's injected clock), which is what the tests drive.
#pragma once
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace diemquet::server {

class RateLimiter {
 public:
  explicit RateLimiter(int64_t windowMs) : m_windowMs(windowMs) {}

  // Hits of `key` within the window ending at `now`.
  int count(const std::string& key, int64_t now);
  void add(const std::string& key, int64_t now);
  // count < limit: records a hit and returns true; otherwise false and records nothing.
  bool tryAcquire(const std::string& key, int64_t now, int limit);
  void clear(const std::string& key);
  // Keys held in memory (tests: idle keys are forgotten).
  size_t keys();

 private:
  void prune(std::deque<int64_t>& q, int64_t now) const;
  void sweep(int64_t now);  // caller holds m_mutex

  const int64_t m_windowMs;
  std::mutex m_mutex;
  std::unordered_map<std::string, std::deque<int64_t>> m_hits;
  int64_t m_lastSweep = INT64_MIN;
};

}  // namespace diemquet::server
