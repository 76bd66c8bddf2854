#include "station_session.hpp"

namespace diemquet {

StationSession::StationSession(Station& station, JournalAppend append, Clock clock)
    : m_station(station), m_append(std::move(append)), m_clock(std::move(clock)) {}

bool StationSession::submitManual(const ManualEntry& entry, FieldErrors& errors) {
  const Instant now = m_clock();
  if (auto v = validateManualEntry(entry, now); v && m_station.isConfigured()) {
    auto previous = m_station.repeatedEntry(v->person.key, v->at);
    if (previous && previous->entry.direction == v->direction) {
      errors.errors.clear();
      repeated(v->person.displayName, *previous);
      return false;
    }
  }
  auto event = m_station.prepareManual(entry, now, &errors);
  if (!event) {
    if (errors.errors.empty()) errors.errors.push_back(event.error());
    refused(entry.name, entry.direction);
    return false;
  }
  save(event.value());
  return true;
}

bool StationSession::submitPerson(const Person& person, Direction direction) {
  auto event = m_station.prepareCheckIn(person, direction, m_clock());
  if (!event) {
    refused(person.displayName, direction);
    return false;
  }
  save(event.value());
  return true;
}

int StationSession::closeDay() {
  auto events = m_station.prepareCloseDay(m_clock());
  for (const JournalEvent& e : events) save(e);
  if (!events.empty()) {
    m_status.bulk = true;  // "undo" would take back only the last of them
    m_status.bulkCount = int(events.size());
  }
  return int(events.size());
}

void StationSession::refused(const std::string& displayName, Direction direction) {
  m_status = SaveStatus{SaveStatus::State::Failed, displayName, direction, m_clock(), 0, m_status.serial + 1, false};
  ++m_version;
}

void StationSession::repeated(const std::string& displayName, const RepeatedEntry& previous) {
  m_status = SaveStatus{SaveStatus::State::Repeat, displayName, previous.entry.direction, m_clock(), 0, m_status.serial + 1};
  m_status.onOtherPhone = previous.onOtherPhone;
  m_status.previousAt = previous.entry.at;
  ++m_version;
}

void StationSession::save(const JournalEvent& event) {
  const CheckIn& c = std::get<CheckInRecorded>(event).checkIn;
  uint64_t serial = m_status.serial + 1;
  m_status = SaveStatus{SaveStatus::State::Saving, c.person.displayName, c.direction, c.at, c.seq, serial, false};
  ++m_inFlight;
  ++m_version;
  m_append(encodeEvent(event), [this, event, serial](bool ok) {
    --m_inFlight;
    ++m_version;
    bool applied = ok && m_station.apply(event).ok();
    // A newer save may have started meanwhile; only the newest one owns the status line.
    if (serial != m_status.serial) return;
    m_status.state = applied ? SaveStatus::State::Saved : SaveStatus::State::Failed;
    m_status.at = m_clock();
  });
}

void StationSession::saveSettings(const StationSettings& settings, std::function<void(bool)> done) {
  JournalEvent event = m_station.prepareSettings(settings);
  m_append(encodeEvent(event), [this, event, done](bool ok) {
    if (ok) m_station.apply(event);
    ++m_version;
    if (done) done(ok);
  });
}

visitor::PosterCheck StationSession::bindToPoster(std::string_view url, const std::string& newDeviceId,
                                                 std::function<void(bool)> done) {
  visitor::PosterCheck check;
  if (!m_trust) {
    check.verdict = visitor::PosterVerdict::NoKeyRing;
    if (auto ref = poster::parsePosterUrl(url)) check.ref = ref.value();
    else check.verdict = visitor::PosterVerdict::Malformed;
  } else {
    check = m_trust->check(url, poster::localYmd(m_clock()));
  }
  ++m_version;
  if (!check.ok()) return check;
  const StationSettings& current = m_station.settings();
  StationSettings next = current;
  if (next.deviceId.empty()) next.deviceId = newDeviceId;
  const std::string& venueId = check.ref.venueId;
  const std::string& pointId = check.ref.pointId;
  // Names: as the server published them, else what this station already calls that venue,
  // else the ids printed in the poster's URL.
  std::string venueName = current.venue.id == venueId ? current.venue.name : venueId;
  std::string pointName = pointId;
  for (const ScanPoint& p : m_station.log().scanPoints(venueId))
    if (p.id == pointId) pointName = p.name;
  if (const visitor::VenueNames* names = m_trust->venue(venueId)) {
    if (!names->venue.name.empty()) venueName = names->venue.name;
    pointName = names->pointName(pointId);
  }
  if (current.venue.id != venueId) next.venue = Venue{venueId, venueName, "", "other", 0, 120};
  next.venue.name = venueName;
  next.scanPoint = ScanPoint{pointId, venueId, pointName};
  if (next == current) {
    if (done) done(true);
    return check;
  }
  saveSettings(next, std::move(done));
  return check;
}

void StationSession::directionCorrected(const DirectionCorrected& fix) {
  const bool ours = fix.deviceId == m_station.settings().deviceId && fix.seq == m_status.seq && m_status.seq > 0;
  if (!ours || m_status.bulk || m_status.state != SaveStatus::State::Saved || m_status.direction == fix.direction)
    return;
  m_status.direction = fix.direction;
  m_status.corrected = true;
  m_status.onOtherPhone = fix.samePoint;
  ++m_version;
}

bool StationSession::canUndo(int64_t windowMs) const {
  return m_status.state == SaveStatus::State::Saved && !m_status.undone && !m_status.bulk &&
         m_clock().utcMs - m_status.at.utcMs <= windowMs;
}

bool StationSession::undoLast(int64_t windowMs) {
  if (!canUndo(windowMs)) return false;
  auto event = m_station.prepareUndo(m_status.seq);
  if (!event) return false;
  m_status.undone = true;
  ++m_version;
  m_append(encodeEvent(event.value()), [this, ev = event.value()](bool ok) {
    if (ok) m_station.apply(ev);
    else m_status.undone = false;
    ++m_version;
  });
  return true;
}

}  // namespace diemquet
