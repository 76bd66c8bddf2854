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

#include "client/key_value_store.hpp"
#include "station.hpp"

namespace diemquet::sync {

// At most this many people of an answer are kept, the latest entries first. A busy gate's
// answer holds thousands of keys at ~80 bytes each as JSON; 5,000 (~400 KB) keeps a full day
// of a large market while staying well inside localStorage's ~5 MB per origin (shared with the
// kiosk lock and the poster keys) and a parse of a few milliseconds at start. Those left out
// are the oldest entries: visits that the venue's usual stay has mostly closed already.
inline constexpr size_t kMaxKeptPeople = 5000;

class LastAnswerKeeper {
 public:
  LastAnswerKeeper(Station& station, client::KeyValueStore& store) : m_station(station), m_store(store) {}
  // After the journal's replay. The kept time counts as an answer when it was kept for this
  // station (its device id): a journal cleared and a station set up anew start from "never".
  // The kept people count when, besides, they are of the station's venue and of `now`'s day
  // (a new day starts from nothing); otherwise they are dropped from the store.
  void restore(const Instant& now);
  // From the frame loop: keeps the station's latest answer when it moved (its people only when
  // they changed: most answers say the same).
  void tick();

 private:
  void restorePeople(const Instant& now, int64_t answeredAtMs);
  void keepPeople();
  Station& m_station;
  client::KeyValueStore& m_store;
  int64_t m_keptMs = 0;
  uint64_t m_keptPeopleVersion = 0;
};

}  // namespace diemquet::sync
