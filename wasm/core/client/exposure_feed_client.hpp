// The visitor page's exposure list (GET /api/v1/exposures): a plain GET that carries nothing
// about the phone, verified against the poster key ring and matched on the phone
// (exposure::VisitHistory); and the purge of the phone's own visits past the retention period.
//
// Policy: asked while online once a key ring is held, every `everyMs` after an answer and
// `retryMs` after no answer or a server failure; with the ETag of the list held, so an
// unchanged list costs a 304 and no journal record. An older list than the one held (a replay)
// is ignored; one that does not verify is refused and shown as such.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "exposure/visit_history.hpp"
#include "sync/transport.hpp"
#include "visitor/poster_trust.hpp"

namespace diemquet::client {

struct ExposureFeedPolicy {
  int64_t everyMs = 10 * 60000;
  int64_t retryMs = 60000;
  int64_t purgeEveryMs = 60 * 60000;
  int timeoutMs = 10000;
};

using JournalDelete = std::function<void(const std::vector<int64_t>& keys, std::function<void(bool)> done)>;

class ExposureFeedClient {
 public:
  ExposureFeedClient(exposure::VisitHistory& history, const visitor::PosterTrust& trust, sync::Http http,
                     JournalDelete journalDelete, std::function<int64_t()> now, ExposureFeedPolicy policy = {});

  // From the frame loop: the purge when due, and the list when due and online.
  void tick(bool online);

  bool refused() const { return m_refused; }  // the last list received did not verify
  bool fetching() const { return m_fetching; }
  int64_t fetches() const { return m_fetches; }
  uint64_t version() const { return m_version; }

 private:
  void onList(const sync::HttpReply& reply);
  void purge(int64_t nowMs);

  exposure::VisitHistory& m_history;
  const visitor::PosterTrust& m_trust;
  sync::Http m_http;
  JournalDelete m_delete;
  std::function<int64_t()> m_now;
  ExposureFeedPolicy m_policy;
  bool m_fetching = false, m_refused = false, m_purging = false;
  int64_t m_nextFetchMs = 0, m_nextPurgeMs = 0, m_fetches = 0;
  std::string m_etag;  // of the list held, when the server gave one
  uint64_t m_version = 1;
};

}  // namespace diemquet::client
