#include "scan_flow.hpp"

namespace diemquet {

ScanOutcome ScanFlow::unsaved(ScanOutcome out, std::string_view text) {
  const int64_t now = m_session.now().utcMs;
  out.sameCodeAgain = !m_lastUnsavedText.empty() && text == m_lastUnsavedText;
  out.stillInView = out.sameCodeAgain && now - m_lastUnsavedMs < kInViewGapMs;
  m_lastUnsavedText = std::string(text);
  m_lastUnsavedMs = now;
  return out;
}

ScanOutcome ScanFlow::onDecoded(std::string_view text) {
  ScanOutcome out;
  auto parsed = parsePayload(text);
  if (!parsed) {
    out.error = parsed.error();
    return unsaved(std::move(out), text);
  }
  out.payload = parsed.value();
  if (parsed->kind == PayloadKind::Poster) {
    out.kind = ScanOutcome::Kind::Poster;
    return unsaved(std::move(out), text);
  }
  if (!m_session.station().isConfigured()) {
    out.kind = ScanOutcome::Kind::NotConfigured;
    return unsaved(std::move(out), text);
  }
  m_lastUnsavedText.clear();  // a card saved (or repeated) in between: the next such code is news
  const Person& person = parsed->person;
  Instant now = m_session.now();
  // The key alone decides "the same card": a card read twice gives the same key.
  std::string key = std::string(toString(person.kind)) + ":" + person.key;
  // Cards not seen for a while leave the memory; it stays small.
  for (auto it = m_seen.begin(); it != m_seen.end();)
    it = now.utcMs - it->second >= m_window ? m_seen.erase(it) : std::next(it);
  // This card's own save failed: shown again, it is tried again. Only its own: after a refused
  // manual entry (a failed status too), a card seen again within the repeat window was
  // recorded as a silent check-out instead of "Đã quét".
  bool lastFailed = key == m_lastKey && statusIsLastCard() && m_session.saveStatus().state == SaveStatus::State::Failed;
  auto repeated = m_session.station().repeatedEntry(person.key, now);
  if (repeated) {
    out.previous = repeated->entry;
    out.previousOnOtherPhone = repeated->onOtherPhone;
  }
  if (auto it = m_seen.find(key); it != m_seen.end() && !lastFailed) {
    out.stillInView = now.utcMs - it->second < kInViewGapMs;
    it->second = now.utcMs;  // still in front of the camera: keep ignoring it
    out.kind = ScanOutcome::Kind::Duplicate;
    return out;
  }
  if (repeated && !lastFailed) {
    m_seen[key] = now.utcMs;  // the camera will see it again in the next frames
    out.kind = ScanOutcome::Kind::Duplicate;
    return out;
  }
  Direction dir = m_session.station().suggestDirection(person.key, now);
  if (!m_session.submitPerson(person, dir)) {
    out.error = makeError(ErrorKind::NotConfigured, "station cannot save check-ins yet");
    return out;
  }
  m_lastKey = key;
  m_seen[key] = now.utcMs;
  m_lastCard = parsed.value();
  m_lastSerial = m_session.saveStatus().serial;
  out.kind = ScanOutcome::Kind::Saving;
  return out;
}

bool ScanFlow::recordRepeatAsOther(const ScanOutcome& repeat) {
  if (repeat.kind != ScanOutcome::Kind::Duplicate || !repeat.payload || !repeat.previous) return false;
  Direction other = repeat.previous->direction == Direction::In ? Direction::Out : Direction::In;
  if (!m_session.submitPerson(repeat.payload->person, other)) return false;
  const Person& person = repeat.payload->person;
  m_lastKey = std::string(toString(person.kind)) + ":" + person.key;
  m_seen[m_lastKey] = m_session.now().utcMs;
  m_lastCard = repeat.payload;
  m_lastSerial = m_session.saveStatus().serial;
  return true;
}

const SaveStatus* ScanFlow::lastCardSave() const {
  if (!m_lastCard) return nullptr;
  if (statusIsLastCard()) return &m_session.saveStatus();
  const SaveStatus& saved = m_session.lastSaved();
  return saved.state == SaveStatus::State::Saved && saved.serial == m_lastSerial ? &saved : nullptr;
}

bool ScanFlow::flipLast() {
  if (!statusIsLastCard() || !m_session.canUndo()) return false;
  Direction other = m_session.saveStatus().direction == Direction::In ? Direction::Out : Direction::In;
  if (!m_session.undoLast()) return false;
  if (!m_session.submitPerson(m_lastCard->person, other)) return false;
  m_lastSerial = m_session.saveStatus().serial;
  return true;
}

}  // namespace diemquet
