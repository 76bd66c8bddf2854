// One staff session on a station: what happens between "Lưu" and "Đã lưu". Each action
// prepares a journal event, hands it to the durable journal, and changes the station only
// when the journal confirms the commit. The journal and the clock are passed in, so the
// same flow runs in the browser (IndexedDB) and in native tests (a fake journal).
#pragma once
#include <functional>
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

  const SaveStatus& saveStatus() const { return m_status; }
  int savesInFlight() const { return m_inFlight; }
  Station& station() { return m_station; }
  const Station& station() const { return m_station; }
  Instant now() const { return m_clock(); }
  // Increments whenever anything visible changed; the UI redraws on change.
  uint64_t version() const { return m_version; }

 private:
  void save(const JournalEvent& event);
  void refused(const std::string& displayName, Direction direction);
  void repeated(const std::string& displayName, const RepeatedEntry& previous);
  Station& m_station;
  JournalAppend m_append;
  Clock m_clock;
  SaveStatus m_status;
  int m_inFlight = 0;
  uint64_t m_version = 1;
  visitor::PosterTrust* m_trust = nullptr;
};

}  // namespace diemquet
