#include "station_session.hpp"

namespace diemquet {

StationSession::StationSession(Station& station, JournalAppend append, Clock clock)
    : m_station(station), m_append(std::move(append)), m_clock(std::move(clock)) {}

bool StationSession::submitManual(const ManualEntry& entry, FieldErrors& errors) {
  auto event = m_station.prepareManual(entry, m_clock(), &errors);
  if (!event) {
    if (errors.errors.empty()) errors.errors.push_back(event.error());
    ++m_version;
    return false;
  }
  save(event.value());
  return true;
}

bool StationSession::submitPerson(const Person& person, Direction direction) {
  auto event = m_station.prepareCheckIn(person, direction, m_clock());
  if (!event) return false;
  save(event.value());
  return true;
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

bool StationSession::canUndo(int64_t windowMs) const {
  return m_status.state == SaveStatus::State::Saved && !m_status.undone &&
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
