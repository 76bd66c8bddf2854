// The server's last answer, kept across a reload beside the journal: its time and who of the
// venue's people it said were in or out.
//
// Its time: "Đồng bộ lần cuối" counts a poll's answer (Station::serverAnswered); without it, a
// reload showed the last acknowledged upload (or "chưa lần nào") until the first poll answered,
// ~5 s later. Its people: "Đang ở trong" counts the venue's people from it; without them, a
// reload while offline counted only this phone's own people until the server answered again
// (Station::setRemotePresence). The people are presence keys (hashes), directions and times:
// no names, no ID numbers.
//
// Not journal records: a poll answers every 5 s, and the journal is replayed in full at every
// start (17,000 records a day for one line of text). A small key-value store (the page's
// localStorage) holds the one latest value instead; losing it costs only the wait for the next
// answer.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "client/key_value_store.hpp"
#include "station.hpp"

namespace diemquet::sync {

// At most this many people of an answer are kept, the latest entries first. A busy gate's
// answer holds thousands of keys at ~80 bytes each as JSON; 5,000 (~400 KB) keeps a full day
// of a large market while staying well inside localStorage's ~5 MB per origin (shared with the
// kiosk lock and the poster keys) and a parse of a few milliseconds at start. Those left out
// are the oldest entries: visits that the venue's usual stay has mostly closed already.
inline constexpr size_t kMaxKeptPeople = 5000;

// The people are written at most this often. The record is up to ~400 KB of JSON written
// synchronously on the page's thread (localStorage has no other API), and at a busy gate the
// people change at every 5-second answer. Online, a reload gets a new answer within 5 s
// anyway; the record matters offline, and going offline writes the last answer at once.
inline constexpr int64_t kKeepPeopleEveryMs = 30'000;

class LastAnswerKeeper {
 public:
  // `clock`: this phone's time, for the 30-second spacing and the local day.
  LastAnswerKeeper(Station& station, client::KeyValueStore& store, std::function<Instant()> clock);
  // After the journal's replay. The kept time counts as an answer when it was kept for this
  // station (its device id): a journal cleared and a station set up anew start from "never".
  // The kept people count when, besides, they are of the station's venue and of `now`'s day
  // (a new day starts from nothing); otherwise they are dropped from the store. They come
  // with the time of the answer they were written from (or of a later one that said the
  // same people): "theo máy chủ lúc hh:mm" is always the restored people's.
  void restore(const Instant& now);
  // From the frame loop, online or not. Keeps the latest answer's time when it moved (a small
  // record); the people when they changed, at most every kKeepPeopleEveryMs, and at once when
  // `online` is false (the last answer is the one that counts offline). Drops the people, in
  // the station and the store, at a new local day (yesterday's answer no longer applies, even
  // on a station left offline across midnight) and when the venue changes.
  void tick(bool online = true);

 private:
  void restorePeople(const Instant& now, int64_t confirmedAtMs, int64_t confirmedKeptMs);
  void keepPeople(int64_t nowMs);
  void dropPeople();
  Station& m_station;
  client::KeyValueStore& m_store;
  std::function<Instant()> m_clock;
  int64_t m_keptMs = 0;              // the latest answer's time, as kept
  uint64_t m_keptPeopleVersion = 0;  // the station's people as kept (or restored)
  int64_t m_keptPeopleAtMs = 0;      // the answer the kept people came with (0: none kept)
  int64_t m_peopleConfirmedMs = 0;   // the latest answer that said the kept people
  int64_t m_peopleWrittenAtMs = 0;   // when they were last written, by the clock
  std::string m_keptVenue;
};

}  // namespace diemquet::sync
