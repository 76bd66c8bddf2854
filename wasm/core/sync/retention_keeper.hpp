// The station's retention purge, driven from the frame loop: reads the period from the
// server's GET /api/v1/config when it syncs (and at start, and hourly), journals it, journals a
// purge record when acknowledged check-ins are past the period, then deletes them in bounded
// steps — rows from the in-memory log, records from the durable journal — so a journal of
// 100,000 records never holds up a frame. Platform-neutral: HTTP, the journal and the clock
// are passed in. The rules of what goes are in retention.hpp and Station.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "station.hpp"
#include "station_session.hpp"
#include "sync/sync_client.hpp"

namespace diemquet::sync {

// Deletes these journal keys durably (one transaction) and calls back exactly once.
using JournalDelete = std::function<void(const std::vector<int64_t>& keys, std::function<void(bool)> done)>;
// GETs `path` (relative to the server) and calls back exactly once; status 0: no answer.
using Fetch = std::function<void(const std::string& path, std::function<void(const HttpReply&)> done)>;

struct RetentionConfig {
  int rowsPerStep = 1000;          // log rows deleted per tick
  size_t keysPerDelete = 2000;     // journal keys per delete transaction
  int64_t checkEveryMs = 3600000;  // look for check-ins past the period this often anyway
  int64_t configEveryMs = 600000;  // read the server's period at most this often
  int64_t retryMs = 5000;          // after a failed journal write or delete
};

class RetentionKeeper {
 public:
  RetentionKeeper(Station& station, JournalAppend append, JournalDelete remove, Fetch fetch, NowMs now,
                  RetentionConfig config = {});

  // After a successful sync: read the server's period (when due), then purge.
  void afterSync();
  // From the frame loop: at most one bounded step of work; cheap when there is none.
  void tick();

  bool busy() const;  // work left or in flight
  int64_t journalRecordsDeleted() const { return m_deleted; }
  // Increments whenever something visible changed (rows left the log).
  uint64_t version() const { return m_version; }

 private:
  void readConfig();
  Station& m_station;
  JournalAppend m_append;
  JournalDelete m_remove;
  Fetch m_fetch;
  NowMs m_now;
  RetentionConfig m_config;
  int64_t m_nextCheckMs = 0;  // 0: at the first tick (start-up)
  int64_t m_nextConfigMs = 0;
  int64_t m_retryAtMs = 0;
  bool m_writing = false;  // a journal append in flight
  bool m_fetching = false;
  bool m_deleting = false;
  int64_t m_deleted = 0;
  uint64_t m_version = 1;
};

}  // namespace diemquet::sync
