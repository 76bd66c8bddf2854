#include "station.hpp"

#include <algorithm>

#include "hex.hpp"
#include "retention.hpp"
#include "sync/presence.hpp"

namespace diemquet {

namespace {
// Visits opened before this instant count as closed (the venue's default length of stay).
int64_t openSince(const Venue& v, const Instant& now) {
  int stay = v.defaultStayMinutes > 0 ? v.defaultStayMinutes : 120;
  return now.utcMs - int64_t(stay) * 60000;
}
}  // namespace

Result<std::unique_ptr<Station>> Station::create() {
  auto log = CheckInLog::open(":memory:");
  if (!log) return log.error();
  return std::unique_ptr<Station>(new Station(std::move(log).value()));
}

Station::Station(std::unique_ptr<CheckInLog> log) : m_log(std::move(log)) {}

std::string Station::makeDeviceId(const unsigned char random16[16]) {
  return "st-" + toHex(random16, 16);
}

void Station::replay(std::string_view record, int64_t journalKey) {
  if (!m_replaying) {
    m_replaying = true;
    m_log->beginBatch();
  }
  auto e = decodeEvent(record);
  if (!e) {
    ++m_damaged;
    return;
  }
  ++m_changes;
  m_applyingKey = journalKey;
  if (!applyEvent(e.value())) ++m_damaged;
  m_applyingKey = 0;
}

void Station::finishReplay() {
  if (m_replaying) m_log->commitBatch();
  m_replaying = false;
}

Result<JournalEvent> Station::prepareManual(const ManualEntry& entry, const Instant& now, FieldErrors* errors) {
  auto v = validateManualEntry(entry, now, errors);
  if (!v) return v.error();
  return prepareCheckIn(v->person, v->direction, v->at);
}

Result<JournalEvent> Station::prepareCheckIn(const Person& person, Direction direction, const Instant& at) {
  if (!hasDeviceId() || !isConfigured())
    return makeError(ErrorKind::NotConfigured, "choose the venue and scan point in settings first");
  CheckIn c;
  c.deviceId = m_settings.deviceId;
  c.seq = m_nextSeq++;
  c.venueId = m_settings.venue.id;
  c.scanPointId = m_settings.scanPoint.id;
  c.person = person;
  c.direction = direction;
  c.at = at;
  return JournalEvent{CheckInRecorded{c}};
}

Result<JournalEvent> Station::prepareUndo(int64_t seq) const {
  auto c = m_log->find(m_settings.deviceId, seq);
  if (!c) return makeError(ErrorKind::NotFound, "no such check-in on this station");
  if (c->voided) return makeError(ErrorKind::Conflict, "check-in already undone");
  return JournalEvent{CheckInVoided{m_settings.deviceId, seq}};
}

Direction Station::suggestDirection(const std::string& personKey, const Instant& now) const {
  auto last = m_log->lastEntryOf(m_settings.venue.id, personKey, localDayOf(now).startUtcMs);
  bool known = last.has_value();
  Direction dir = last ? last->direction : Direction::In;
  int64_t at = last ? last->at.utcMs : 0;
  // Another gate's newer record wins: in there, out here.
  if (!m_remote.empty()) {
    auto it = m_remote.find(sync::presenceKey(m_settings.venue.id, personKey));
    if (it != m_remote.end() && (!known || it->second.atMs > at)) {
      known = true;
      dir = it->second.direction;
      at = it->second.atMs;
    }
  }
  // A visit older than the venue's usual stay was closed by itself: this is a new visit.
  bool open = known && dir == Direction::In && at >= openSince(m_settings.venue, now);
  return open ? Direction::Out : Direction::In;
}

std::optional<RepeatedEntry> Station::repeatedEntry(const std::string& personKey, const Instant& at) const {
  const int64_t windowMs = int64_t(m_settings.repeatWindowMinutes) * 60000;
  std::optional<RepeatedEntry> found;
  if (auto own = m_log->lastEntryOf(m_settings.venue.id, personKey, at.utcMs - windowMs)) found = RepeatedEntry{*own, false};
  auto it = m_remote.find(sync::presenceKey(m_settings.venue.id, personKey));
  if (it == m_remote.end()) return found;
  const RemoteEntry& r = it->second;
  // This station's own records are in its log; another gate's record is no repeat.
  if (r.own || r.scanPointId.empty() || r.scanPointId != m_settings.scanPoint.id) return found;
  const int64_t agoMs = at.utcMs + m_serverAheadMs - r.atMs;
  if (agoMs > windowMs || agoMs < -kClockSlackMs) return found;
  if (found && found->entry.at.utcMs >= r.atMs) return found;
  CheckIn c;
  c.venueId = m_settings.venue.id;
  c.scanPointId = r.scanPointId;
  c.person.key = personKey;
  c.direction = r.direction;
  c.at = Instant{r.atMs, at.offsetMinutes};
  return RepeatedEntry{c, true};
}

Status Station::apply(const JournalEvent& e) {
  ++m_changes;
  m_applyingKey = m_keySource ? m_keySource() : 0;
  Status st = applyEvent(e);
  m_applyingKey = 0;
  return st;
}

int64_t Station::totalCount() const {
  if (m_cache.countsAt != m_changes) {
    m_cache.total = m_log->count();
    m_cache.pending = m_log->pendingCount() - int64_t(m_rejected.size());
    m_cache.countsAt = m_changes;
  }
  return m_cache.total;
}

int64_t Station::pendingCount() const {
  totalCount();
  return m_cache.pending;
}

Status Station::applyEvent(const JournalEvent& e) {
  if (auto* r = std::get_if<CheckInRecorded>(&e)) {
    Status st = m_log->add(r->checkIn, m_applyingKey);
    if (st && r->checkIn.deviceId == m_settings.deviceId) m_nextSeq = std::max(m_nextSeq, r->checkIn.seq + 1);
    return st;
  }
  if (auto* v = std::get_if<CheckInVoided>(&e)) {
    Status st = m_log->setVoided(v->deviceId, v->seq);
    if (!st) return st;
    return m_log->addJournalRef(m_applyingKey, JournalRefKind::Void, v->deviceId, {v->seq, v->seq});
  }
  if (auto* a = std::get_if<SyncAcknowledged>(&e)) {
    Status st = m_log->markSynced(a->deviceId, a->ranges);
    if (!st) return st;
    if (a->atMs > m_lastSyncMs) m_lastSyncMs = a->atMs;
    for (const SeqRange& r : a->ranges)
      for (auto it = m_rejected.lower_bound(r.first); it != m_rejected.end() && it->first <= r.last;) it = m_rejected.erase(it);
    // One remembered span per record: kept while any check-in in it is left.
    if (!a->ranges.empty()) {
      SeqRange span = a->ranges.front();
      for (const SeqRange& r : a->ranges) span = {std::min(span.first, r.first), std::max(span.last, r.last)};
      return m_log->addJournalRef(m_applyingKey, JournalRefKind::Ack, a->deviceId, span);
    }
    return st;
  }
  if (auto* r = std::get_if<SyncRejected>(&e)) {
    for (const RejectedCheckIn& item : r->items) {
      auto c = m_log->find(r->deviceId, item.seq);
      if (c && c->sync == SyncState::Pending && r->deviceId == m_settings.deviceId) m_rejected[item.seq] = item.code;
    }
    if (!r->items.empty()) {
      SeqRange span{r->items.front().seq, r->items.front().seq};
      for (const RejectedCheckIn& i : r->items) span = {std::min(span.first, i.seq), std::max(span.last, i.seq)};
      return m_log->addJournalRef(m_applyingKey, JournalRefKind::Rejected, r->deviceId, span);
    }
    return Done{};
  }
  if (auto* d = std::get_if<DirectionCorrected>(&e)) {
    // A check-in purged since is nothing to correct; the record goes with the next purge (it
    // is referenced like a void: naming one check-in).
    Status st = m_log->setDirection(d->deviceId, d->seq, d->direction);
    if (!st && st.error().kind != ErrorKind::NotFound) return st;
    if (st) m_corrected[{d->deviceId, d->seq}] = d->samePoint;
    return m_log->addJournalRef(m_applyingKey, JournalRefKind::Void, d->deviceId, {d->seq, d->seq});
  }
  if (auto* p = std::get_if<RetentionPeriodSet>(&e)) {
    m_retentionDays = std::clamp(p->days, retention::kMinDays, retention::kMaxDays);
    supersede(m_retentionKey, m_applyingKey);
    return Done{};
  }
  if (auto* p = std::get_if<RetentionPurged>(&e)) {
    if (!m_settings.deviceId.empty() && p->deviceId != m_settings.deviceId)
      return makeError(ErrorKind::Conflict, "purge record of another device");
    m_nextSeq = std::max(m_nextSeq, p->nextSeq);
    m_lastSyncMs = std::max(m_lastSyncMs, p->lastSyncMs);
    m_purgeCutoffMs = std::max(m_purgeCutoffMs, p->cutoffMs);
    supersede(m_purgeKey, m_applyingKey);
    m_purgeDirty = true;
    return Done{};
  }
  if (auto* en = std::get_if<StationEnrolled>(&e)) return applyEnrollment(*en);
  if (auto* s = std::get_if<SettingsChanged>(&e)) {
    // The device id is fixed by the first settings event; later ones cannot change it.
    StationSettings next = s->settings;
    if (!m_settings.deviceId.empty()) next.deviceId = m_settings.deviceId;
    // Another venue's people are not this one's: its answer no longer counts (the next ask,
    // for the new venue, brings its own).
    if (next.venue.id != m_settings.venue.id && !m_remote.empty()) setRemotePresence({}, 0, 0);
    m_settings = next;
    if (!m_settings.venue.id.empty()) m_log->upsertVenue(m_settings.venue);
    if (!m_settings.scanPoint.id.empty()) m_log->upsertScanPoint(m_settings.scanPoint);
    return Done{};
  }
  return makeError(ErrorKind::Unsupported, "unknown event");
}

// Binds the station to the server's venue. The first enrollment also gives a station without
// a device id its id; a later one for another device id is refused (the log's seqs are per id).
Status Station::applyEnrollment(const StationEnrolled& e) {
  if (e.scanPoints.empty()) return makeError(ErrorKind::Malformed, "an enrollment needs a scan point");
  if (m_settings.deviceId.empty()) m_settings.deviceId = e.deviceId;
  if (e.deviceId != m_settings.deviceId) return makeError(ErrorKind::Conflict, "enrolled under another device id");
  for (const std::string& local : e.adoptedVenueIds)
    if (local != e.venue.id && !m_adopted.count(local)) m_adopted[local] = e.scanPoints.front();
  bool keepPoint = false;
  for (const ScanPoint& p : e.scanPoints) {
    m_log->upsertScanPoint(p);
    keepPoint = keepPoint || p.id == m_settings.scanPoint.id;
  }
  if (e.venue.id != m_settings.venue.id && !m_remote.empty()) setRemotePresence({}, 0, 0);  // as in SettingsChanged
  m_settings.venue = e.venue;
  if (!keepPoint) m_settings.scanPoint = e.scanPoints.front();
  m_log->upsertVenue(e.venue);
  m_enrollment = e;
  return Done{};
}

// ---- Retention ----

// A newer record of the same kind makes the older one useless: it is queued for deletion.
void Station::supersede(int64_t& keySlot, int64_t newKey) {
  if (keySlot != 0 && newKey != 0 && keySlot != newKey) m_deleteQueue.push_back(keySlot);
  if (newKey != 0) keySlot = newKey;
}

std::optional<JournalEvent> Station::prepareRetentionDays(int days, int64_t nowMs) const {
  if (days < retention::kMinDays || days > retention::kMaxDays || days == m_retentionDays) return std::nullopt;
  return JournalEvent{RetentionPeriodSet{days, nowMs}};
}

std::optional<JournalEvent> Station::preparePurge(int64_t nowMs) const {
  int64_t cutoff = retention::cutoffMs(nowMs, m_retentionDays);
  if (cutoff <= 0 || !m_log->anyPurgeable(cutoff)) return std::nullopt;
  return JournalEvent{RetentionPurged{m_settings.deviceId, cutoff, m_nextSeq, m_lastSyncMs, nowMs}};
}

int Station::purgeStep(int maxRows) {
  if (!m_purgeDirty) return 0;
  std::vector<int64_t> keys;
  auto n = m_log->purgeSynced(m_purgeCutoffMs, maxRows, keys);
  int deleted = n ? n.value() : 0;
  if (n && deleted < maxRows) {
    // The last chunk: acknowledgements, rejections and voids that now name nothing, older
    // than the purge record (whose nextSeq and lastSyncMs already stand for them).
    if (m_purgeKey != 0) m_log->dropOrphanRefs(m_purgeKey, keys);
    m_purgeDirty = false;
  }
  if (!n) m_purgeDirty = false;  // a storage error: try again at the next purge record
  m_deleteQueue.insert(m_deleteQueue.end(), keys.begin(), keys.end());
  m_purgedRows += deleted;
  if (deleted > 0) ++m_changes;
  return deleted;
}

std::vector<int64_t> Station::takeJournalDeletions(size_t max) {
  size_t n = std::min(max, m_deleteQueue.size());
  std::vector<int64_t> out(m_deleteQueue.begin(), m_deleteQueue.begin() + std::ptrdiff_t(n));
  m_deleteQueue.erase(m_deleteQueue.begin(), m_deleteQueue.begin() + std::ptrdiff_t(n));
  return out;
}

void Station::giveBackJournalDeletions(const std::vector<int64_t>& keys) {
  m_deleteQueue.insert(m_deleteQueue.begin(), keys.begin(), keys.end());
}

int64_t Station::unsyncedPastRetention(int64_t nowMs) const {
  int64_t minute = nowMs / 60000;
  if (m_oldUnsyncedAt != int64_t(m_changes) || m_oldUnsyncedMinute != minute) {
    m_oldUnsynced = m_log->unsyncedBefore(retention::cutoffMs(nowMs, m_retentionDays));
    m_oldUnsyncedAt = int64_t(m_changes);
    m_oldUnsyncedMinute = minute;
  }
  return m_oldUnsynced;
}

DaySummary Station::today(const Instant& now) const {
  int64_t minute = now.utcMs / 60000;
  if (m_cache.todayAt != m_changes || m_cache.todayMinute != minute) {
    DayRange d = localDayOf(now);
    m_cache.today = m_log->summary(m_settings.venue.id, d.startUtcMs, d.endUtcMs, openSince(m_settings.venue, now));
    if (!m_remote.empty()) countVenuesPeople(m_cache.today, d, openSince(m_settings.venue, now));
    m_cache.todayAt = m_changes;
    m_cache.todayMinute = minute;
  }
  return m_cache.today;
}

// Person by person, the newer of this phone's last entry today and the server's last answer
// decides; another phone's "in" within the venue's usual stay counts them inside. This
// station's own records come from its log (the answer's "own" ones are the same records).
void Station::countVenuesPeople(DaySummary& day, const DayRange& d, int64_t openSinceMs) const {
  const std::string& venue = m_settings.venue.id;
  const int64_t since = std::max(d.startUtcMs, openSinceMs);
  int inside = 0, viaOthers = 0;
  std::set<std::string> mine;
  for (const PersonLastEntry& e : m_log->lastEntries(venue, d.startUtcMs, d.endUtcMs)) {
    const std::string key = sync::presenceKey(venue, e.personKey);
    mine.insert(key);
    Direction dir = e.direction;
    int64_t at = e.atUtcMs;
    bool other = false;
    if (auto it = m_remote.find(key); it != m_remote.end() && !it->second.own && it->second.atMs > at) {
      dir = it->second.direction;
      at = it->second.atMs;
      other = true;
    }
    if (dir == Direction::In && at >= since) {
      ++inside;
      if (other) ++viaOthers;
    }
  }
  for (const auto& [key, r] : m_remote) {
    if (r.own || mine.count(key) || r.direction != Direction::In) continue;
    // Another phone's clock a minute ahead still counts as today.
    if (r.atMs >= since && r.atMs < d.endUtcMs + kClockSlackMs) {
      ++inside;
      ++viaOthers;
    }
  }
  day.insideNow = inside;
  day.insideViaOtherPhones = viaOthers;
  day.serverAsOfMs = m_remoteAtMs;
}

std::vector<JournalEvent> Station::prepareCloseDay(const Instant& now) {
  std::vector<JournalEvent> out;
  DayRange d = localDayOf(now);
  for (const CheckIn& in : m_log->peopleInside(m_settings.venue.id, d.startUtcMs, openSince(m_settings.venue, now))) {
    auto e = prepareCheckIn(in.person, Direction::Out, now);
    if (e) out.push_back(e.value());
  }
  return out;
}

std::vector<CheckIn> Station::recent(int limit) const {
  if (m_cache.recentAt != m_changes || m_cache.recentLimit != limit) {
    m_cache.recent = m_log->recent(m_settings.venue.id, limit);
    m_cache.recentAt = m_changes;
    m_cache.recentLimit = limit;
  }
  return m_cache.recent;
}

}  // namespace diemquet
