#include "rate_limiter.hpp"

namespace diemquet::server {

void RateLimiter::prune(std::deque<int64_t>& q, int64_t now) const {
  while (!q.empty() && q.front() <= now - m_windowMs) q.pop_front();
}

void RateLimiter::sweep(int64_t now) {
  if (m_lastSweep != INT64_MIN && now - m_lastSweep < m_windowMs) return;
  m_lastSweep = now;
  for (auto it = m_hits.begin(); it != m_hits.end();) {
    prune(it->second, now);
    it = it->second.empty() ? m_hits.erase(it) : std::next(it);
  }
}

int RateLimiter::count(const std::string& key, int64_t now) {
  std::lock_guard lock(m_mutex);
  sweep(now);
  auto it = m_hits.find(key);
  if (it == m_hits.end()) return 0;
  prune(it->second, now);
  return int(it->second.size());
}

void RateLimiter::add(const std::string& key, int64_t now) {
  std::lock_guard lock(m_mutex);
  sweep(now);
  m_hits[key].push_back(now);
}

bool RateLimiter::tryAcquire(const std::string& key, int64_t now, int limit) {
  std::lock_guard lock(m_mutex);
  sweep(now);
  auto& q = m_hits[key];
  prune(q, now);
  if (int(q.size()) >= limit) return false;
  q.push_back(now);
  return true;
}

void RateLimiter::clear(const std::string& key) {
  std::lock_guard lock(m_mutex);
  m_hits.erase(key);
}

size_t RateLimiter::keys() {
  std::lock_guard lock(m_mutex);
  return m_hits.size();
}

}  // namespace diemquet::server
