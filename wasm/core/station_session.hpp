// One staff session on a station: what happens between "Lưu" and "Đã lưu". Each action
// prepares a journal event, hands it to the durable journal, and changes the station only
// when the journal confirms the commit. The journal and the clock are passed in, so the
// same flow runs in the browser (IndexedDB) and in native tests (a fake journal).
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "save_status.hpp"
#include "station.hpp"
#include "visitor/poster_trust.hpp"

namespace diemquet {

// Appends one record durably and calls back exactly once: true when committed.
using JournalAppend = std::function<void(const std::string& record, std::function<void(bool)> done)>;
using Clock = std::function<Instant()>;

class StationSession {
 public:
  StationSession(Station& station, JournalAppend append, Clock clock);

  // Validates, then saves. False (and `errors` filled) if the entry is invalid: nothing saved.
  // A refused attempt is a failed save too: the status then says "not saved" about this
  // person, so the last person's "saved" banner and its undo never outlive a later attempt.
  // False with no error when it repeats the person's entry in the same direction moments ago
  // (Station::repeatedEntry: typed twice, or on two phones at one gate): nothing saved, the
  // status says Repeat. Another direction is the staff's decision and is saved.
  bool submitManual(const ManualEntry& entry, FieldErrors& errors);
  bool submitPerson(const Person& person, Direction direction);
  // Staff confirm a repeat by hand was meant ("Ghi RA ngay" on the form, as Scan offers for a
  // card shown again): records, now, the direction opposite to the entry it repeated, for the
  // person typed. Only while the status line still speaks of that repeat, so the second tap
  // of a double tap (the line then says "Đang lưu"/"Đã lưu") records nothing more.
  bool recordRepeatAsOther();
  // Checks out everyone still inside; returns how many check-outs were handed to the journal.
  int closeDay();
  void saveSettings(const StationSettings& settings, std::function<void(bool)> done = nullptr);
  // Undoes the last saved check-in if it was saved at most `windowMs` ago (by default while
  // the line about it is on screen: kSaveLineMs).
  bool undoLast(int64_t windowMs = kSaveLineMs);
  bool canUndo(int64_t windowMs = kSaveLineMs) const;
  // A correction the presence poller has journaled and applied (sync/presence.hpp): when it is
  // of the check-in the status speaks of, the status takes the corrected direction, so the
  // line staff read first never says "VÀO" beside Today's "RA". No new save: no new beep.
  void directionCorrected(const DirectionCorrected& fix);

  // Binds the station to the venue and scan point of a venue poster (scanned or pasted),
  // verified offline against the key ring of setPosterTrust(). Only a genuine poster changes
  // anything (one settings event; `done(ok)` reports its commit); any other verdict changes
  // nothing. `newDeviceId` is used when the station has no device id yet.
  visitor::PosterCheck bindToPoster(std::string_view url, const std::string& newDeviceId = {},
                                    std::function<void(bool)> done = nullptr);
  void setPosterTrust(visitor::PosterTrust* trust) {
    m_trust = trust;
    ++m_version;
  }
  visitor::PosterTrust* posterTrust() const { return m_trust; }

  // What the status line says: the last action's outcome (a save, a refusal, a repeat).
  const SaveStatus& saveStatus() const { return m_status; }
  // The last check-in the journal committed (Idle: none this session), whatever the status line
  // has said since: a repeat or a refusal saves nothing, so once their line goes, Today's quiet
  // "Lần lưu trước" line still names the last person recorded. Follows its undo and correction.
  const SaveStatus& lastSaved() const { return m_status.state == SaveStatus::State::Saved ? m_status : m_lastSaved; }
  int savesInFlight() const { return m_inFlight; }
  Station& station() { return m_station; }
  const Station& station() const { return m_station; }
  Instant now() const { return m_clock(); }
  // Increments whenever anything visible changed; the UI redraws on change.
  uint64_t version() const { return m_version; }

 private:
  // `bulkCount` > 0: one of that many saves at once (closing the day).
  void save(const JournalEvent& event, int bulkCount = 0);
  void refused(const std::string& displayName, Direction direction);
  void repeated(const std::string& displayName, const RepeatedEntry& previous);
  // The status line moves on to `next`; a save it spoke of is kept as lastSaved().
  void replaceStatus(SaveStatus next);
  // The status with this serial, the line's or the last save's; null when neither is.
  SaveStatus* statusOf(uint64_t serial);
  Station& m_station;
  JournalAppend m_append;
  Clock m_clock;
  SaveStatus m_status;
  std::optional<Person> m_repeatedPerson;  // whom the Repeat status speaks of (recordRepeatAsOther)
  SaveStatus m_lastSaved;  // meaningful when m_status is not a save (see lastSaved())
  // The last serial handed out: each status gets the next, so a save's serial stays its own
  // even when its failure takes the line back after newer statuses (save()).
  uint64_t m_serials = 0;
  int m_inFlight = 0;
  uint64_t m_version = 1;
  visitor::PosterTrust* m_trust = nullptr;
};

}  // namespace diemquet
