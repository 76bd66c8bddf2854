#include "client/exposure_feed_client.hpp"

namespace diemquet::client {

ExposureFeedClient::ExposureFeedClient(exposure::VisitHistory& history, const visitor::PosterTrust& trust,
                                       sync::Http http, JournalDelete journalDelete, std::function<int64_t()> now,
                                       ExposureFeedPolicy policy)
    : m_history(history),
      m_trust(trust),
      m_http(std::move(http)),
      m_delete(std::move(journalDelete)),
      m_now(std::move(now)),
      m_policy(policy) {}

void ExposureFeedClient::tick(bool online) {
  const int64_t now = m_now();
  purge(now);
  if (!online || !m_trust.hasKeyRing() || m_fetching || now < m_nextFetchMs) return;
  m_fetching = true;
  ++m_fetches;
  sync::HttpRequest r;
  r.path = "/api/v1/exposures";
  r.ifNoneMatch = m_etag;
  r.timeoutMs = m_policy.timeoutMs;
  m_http(r, [this](const sync::HttpReply& reply) { onList(reply); });
}

void ExposureFeedClient::onList(const sync::HttpReply& reply) {
  m_fetching = false;
  const int64_t now = m_now();
  if (reply.status == 304) {
    m_nextFetchMs = now + m_policy.everyMs;
    m_history.listStillCurrent(now);
    ++m_version;
    return;
  }
  if (reply.status != 200) {  // offline or the server busy: the list held stays in force
    m_nextFetchMs = now + m_policy.retryMs;
    return;
  }
  m_nextFetchMs = now + m_policy.everyMs;
  Status st = m_history.storeList(reply.body, m_trust.keyRing(), now);
  // An older list than the one held is a replay, not a forgery; the held one stays.
  m_refused = !st && st.error().kind != ErrorKind::Conflict;
  if (st) m_etag = reply.etag;
  ++m_version;
}

void ExposureFeedClient::purge(int64_t nowMs) {
  if (m_purging || nowMs < m_nextPurgeMs || !m_delete) return;
  m_nextPurgeMs = nowMs + m_policy.purgeEveryMs;
  auto keys = m_history.expiredKeys(nowMs, m_history.retentionDays(m_trust.keyRing()));
  if (keys.empty()) return;
  m_purging = true;
  m_delete(keys, [this, keys](bool ok) {
    m_purging = false;
    if (ok) m_history.forget(keys);
  });
}

}  // namespace diemquet::client
