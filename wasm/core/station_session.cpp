#include "station_session.hpp"

namespace diemquet {

StationSession::StationSession(Station& station, JournalAppend append, Clock clock)
    : m_station(station), m_append(std::move(append)), m_clock(std::move(clock)) {}

bool StationSession::submitManual(const ManualEntry& entry, FieldErrors& errors) {
  auto valid = validateManualEntry(entry, m_clock(), &errors);
  if (!valid) {
    if (errors.errors.empty()) errors.errors.push_back(valid.error());
    refused(entry.name, entry.direction);
    return false;
  }
  // The repeat test comes before prepareCheckIn, which hands out a sequence number (never
  // reused): a repeat saves nothing and takes no number.
  if (m_station.isConfigured()) {
    auto previous = m_station.repeatedEntry(valid->person.key, valid->at);
    if (previous && previous->entry.direction == valid->direction) {
      repeated(valid->person.displayName, *previous);
      m_repeatedPerson = valid->person;
      return false;
    }
  }
  auto event = m_station.prepareCheckIn(valid->person, valid->direction, valid->at);
  if (!event) {
    errors.errors.push_back(event.error());
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

bool StationSession::recordRepeatAsOther() {
  if (m_status.state != SaveStatus::State::Repeat || !m_repeatedPerson) return false;
  const Person person = *m_repeatedPerson;
  m_repeatedPerson.reset();  // its line is replaced by this save's: once only
  return submitPerson(person, m_status.direction == Direction::In ? Direction::Out : Direction::In);
}

int StationSession::closeDay() {
  auto events = m_station.prepareCloseDay(m_clock());
  // Each one of many: "undo" would take back only the last of them; the status names them all.
  for (const JournalEvent& e : events) save(e, int(events.size()));
  return int(events.size());
}

void StationSession::refused(const std::string& displayName, Direction direction) {
  SaveStatus next{SaveStatus::State::Failed, displayName, direction, m_clock(), 0, ++m_serials, false};
  next.refused = true;
  replaceStatus(std::move(next));
}

void StationSession::repeated(const std::string& displayName, const RepeatedEntry& previous) {
  SaveStatus next{SaveStatus::State::Repeat, displayName, previous.entry.direction, m_clock(), 0, ++m_serials};
  next.onOtherPhone = previous.onOtherPhone;
  next.previousAt = previous.entry.at;
  replaceStatus(std::move(next));
}

void StationSession::replaceStatus(SaveStatus next) {
  if (m_status.state == SaveStatus::State::Saved) m_lastSaved = std::move(m_status);
  m_status = std::move(next);
  m_repeatedPerson.reset();  // speaks of the Repeat status only (set again by submitManual)
  ++m_version;
}

SaveStatus* StationSession::statusOf(uint64_t serial) {
  if (m_status.serial == serial) return &m_status;
  if (m_lastSaved.serial == serial) return &m_lastSaved;
  return nullptr;
}

void StationSession::save(const JournalEvent& event, int bulkCount) {
  const CheckIn& c = std::get<CheckInRecorded>(event).checkIn;
  SaveStatus saving{SaveStatus::State::Saving, c.person.displayName, c.direction, c.at, c.seq, ++m_serials, false};
  saving.entryAt = c.at;
  saving.bulk = bulkCount > 0;
  saving.bulkCount = bulkCount;
  replaceStatus(saving);
  ++m_inFlight;
  m_append(encodeEvent(event), [this, event, saving](bool ok) {
    --m_inFlight;
    ++m_version;
    bool applied = ok && m_station.apply(event).ok();
    // Only the newest action owns the status line...
    if (saving.serial == m_status.serial) {
      m_status.state = applied ? SaveStatus::State::Saved : SaveStatus::State::Failed;
      m_status.at = m_clock();
      return;
    }
    // ...but one that did not reach the journal says so, whatever the line holds now (a repeat,
    // a refusal, a later person's save): that person is not recorded and must be taken again,
    // and a red line is the only place staff learn it. It keeps its own serial, so the scan
    // screen still knows it as its card's save (and the card shown again is tried again).
    if (!applied) {
      SaveStatus failed = saving;
      failed.state = SaveStatus::State::Failed;
      failed.at = m_clock();
      replaceStatus(std::move(failed));
      return;
    }
    // A save committed after a repeat or a refusal took the line is still the last one
    // recorded (unless a newer save is).
    if (saving.serial > m_lastSaved.serial) {
      m_lastSaved = saving;
      m_lastSaved.state = SaveStatus::State::Saved;
      m_lastSaved.at = m_clock();
    }
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
  // The save the status line speaks of, or, after a repeat or a refusal, the one the quiet line does.
  SaveStatus& last = m_status.state == SaveStatus::State::Saved ? m_status : m_lastSaved;
  const bool ours = fix.deviceId == m_station.settings().deviceId && fix.seq == last.seq && last.seq > 0;
  if (!ours || last.bulk || last.state != SaveStatus::State::Saved || last.direction == fix.direction) return;
  last.direction = fix.direction;
  last.corrected = true;
  last.onOtherPhone = fix.samePoint;
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
  m_append(encodeEvent(event.value()), [this, ev = event.value(), serial = m_status.serial](bool ok) {
    if (ok) m_station.apply(ev);
    else if (SaveStatus* undone = statusOf(serial)) undone->undone = false;  // the line may have moved on
    ++m_version;
  });
  return true;
}

}  // namespace diemquet
