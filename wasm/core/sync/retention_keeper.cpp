// The retention purge's steps: config, purge record, log rows, journal records.
#include "retention_keeper.hpp"

#include "retention.hpp"

namespace diemquet::sync {

RetentionKeeper::RetentionKeeper(Station& station, JournalAppend append, JournalDelete remove, Fetch fetch, NowMs now,
                                 RetentionConfig config)
    : m_station(station),
      m_append(std::move(append)),
      m_remove(std::move(remove)),
      m_fetch(std::move(fetch)),
      m_now(std::move(now)),
      m_config(config) {}

bool RetentionKeeper::busy() const {
  return m_writing || m_deleting || m_fetching || m_station.purgePending() || m_station.journalDeletionsQueued() > 0;
}

void RetentionKeeper::afterSync() {
  if (m_now() >= m_nextConfigMs)
    readConfig();
  else
    m_nextCheckMs = 0;
}

// The server's period, journaled only when it changed; offline, the last one read stays.
void RetentionKeeper::readConfig() {
  if (!m_fetch || m_fetching) return;
  m_fetching = true;
  m_nextConfigMs = m_now() + m_config.configEveryMs;
  m_fetch("api/v1/config", [this](const HttpReply& r) {
    m_fetching = false;
    auto days = r.status == 200 ? retention::parseConfigDays(r.body) : std::nullopt;
    if (!days) m_nextConfigMs = 0;  // not read: ask again at the next sync
    auto event = days ? m_station.prepareRetentionDays(*days, m_now()) : std::nullopt;
    if (!event) {
      m_nextCheckMs = 0;
      return;
    }
    m_writing = true;
    m_append(encodeEvent(*event), [this, e = *event](bool ok) {
      m_writing = false;
      if (ok) m_station.apply(e);
      m_nextCheckMs = 0;
      ++m_version;
    });
  });
}

void RetentionKeeper::tick() {
  const int64_t now = m_now();
  if (now < m_retryAtMs) return;
  // 1. Check-ins past the period: the purge record goes to the journal first.
  if (!m_writing && !m_station.purgePending() && now >= m_nextCheckMs) {
    m_nextCheckMs = now + m_config.checkEveryMs;
    if (m_station.enrollment() && now >= m_nextConfigMs) readConfig();
    if (auto event = m_station.preparePurge(now)) {
      m_writing = true;
      m_append(encodeEvent(*event), [this, e = *event](bool ok) {
        m_writing = false;
        if (ok) {
          m_station.apply(e);
        } else {
          m_retryAtMs = m_now() + m_config.retryMs;
          m_nextCheckMs = 0;
        }
      });
      return;
    }
  }
  // 2. Rows out of the log, a bounded number per frame. The screens are told once the log is
  //    done (not after every step: a redraw per step would cost more than the step).
  if (m_station.purgePending()) {
    m_station.purgeStep(m_config.rowsPerStep);
    if (!m_station.purgePending()) ++m_version;
  }
  // 3. Their records out of the journal, one transaction at a time, alongside step 2.
  if (!m_deleting && m_remove && m_station.journalDeletionsQueued() > 0) {
    std::vector<int64_t> keys = m_station.takeJournalDeletions(m_config.keysPerDelete);
    m_deleting = true;
    m_remove(keys, [this, keys](bool ok) {
      m_deleting = false;
      if (ok) {
        m_deleted += int64_t(keys.size());
      } else {
        m_station.giveBackJournalDeletions(keys);
        m_retryAtMs = m_now() + m_config.retryMs;
      }
    });
  }
}

}  // namespace diemquet::sync
