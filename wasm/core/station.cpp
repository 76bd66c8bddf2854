#include "station.hpp"

#include <algorithm>

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
  static const char* hex = "0123456789abcdef";
  std::string id = "st-";
  for (int i = 0; i < 16; ++i) {
    id.push_back(hex[random16[i] >> 4]);
    id.push_back(hex[random16[i] & 15]);
  }
  return id;
}

void Station::replay(std::string_view record) {
  if (!m_replaying) {
    m_replaying = true;
    m_log->beginBatch();
  }
  auto e = decodeEvent(record);
  if (!e || !apply(e.value())) ++m_damaged;
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
  // A visit older than the venue's usual stay was closed by itself: this is a new visit.
  bool open = last && last->direction == Direction::In && last->at.utcMs >= openSince(m_settings.venue, now);
  return open ? Direction::Out : Direction::In;
}

Status Station::apply(const JournalEvent& e) {
  ++m_changes;
  return applyEvent(e);
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
    Status st = m_log->add(r->checkIn);
    if (st && r->checkIn.deviceId == m_settings.deviceId) m_nextSeq = std::max(m_nextSeq, r->checkIn.seq + 1);
    return st;
  }
  if (auto* v = std::get_if<CheckInVoided>(&e)) return m_log->setVoided(v->deviceId, v->seq);
  if (auto* a = std::get_if<SyncAcknowledged>(&e)) {
    Status st = m_log->markSynced(a->deviceId, a->ranges);
    if (!st) return st;
    if (a->atMs > m_lastSyncMs) m_lastSyncMs = a->atMs;
    for (const SeqRange& r : a->ranges)
      for (auto it = m_rejected.lower_bound(r.first); it != m_rejected.end() && it->first <= r.last;) it = m_rejected.erase(it);
    return st;
  }
  if (auto* r = std::get_if<SyncRejected>(&e)) {
    for (const RejectedCheckIn& item : r->items) {
      auto c = m_log->find(r->deviceId, item.seq);
      if (c && c->sync == SyncState::Pending && r->deviceId == m_settings.deviceId) m_rejected[item.seq] = item.code;
    }
    return Done{};
  }
  if (auto* en = std::get_if<StationEnrolled>(&e)) return applyEnrollment(*en);
  if (auto* s = std::get_if<SettingsChanged>(&e)) {
    // The device id is fixed by the first settings event; later ones cannot change it.
    StationSettings next = s->settings;
    if (!m_settings.deviceId.empty()) next.deviceId = m_settings.deviceId;
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
  m_settings.venue = e.venue;
  if (!keepPoint) m_settings.scanPoint = e.scanPoints.front();
  m_log->upsertVenue(e.venue);
  m_enrollment = e;
  return Done{};
}

DaySummary Station::today(const Instant& now) const {
  int64_t minute = now.utcMs / 60000;
  if (m_cache.todayAt != m_changes || m_cache.todayMinute != minute) {
    DayRange d = localDayOf(now);
    m_cache.today = m_log->summary(m_settings.venue.id, d.startUtcMs, d.endUtcMs, openSince(m_settings.venue, now));
    m_cache.todayAt = m_changes;
    m_cache.todayMinute = minute;
  }
  return m_cache.today;
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
