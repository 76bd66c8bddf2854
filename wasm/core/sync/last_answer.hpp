// The time of the server's last answer, kept across a reload beside the journal. "Đồng bộ lần
// cuối" counts a poll's answer (Station::serverAnswered); without this, a reload showed the
// last acknowledged upload (or "chưa lần nào") until the first poll answered, ~5 s later.
//
// Not a journal record: a poll answers every 5 s, and the journal is replayed in full at every
// start (17,000 records a day for one line of text). A small key-value store (the page's
// localStorage) holds the one latest value instead; losing it costs only those 5 s.
#pragma once
#include <cstdint>

#include "client/key_value_store.hpp"
#include "station.hpp"

namespace diemquet::sync {

class LastAnswerKeeper {
 public:
  LastAnswerKeeper(Station& station, client::KeyValueStore& store) : m_station(station), m_store(store) {}
  // After the journal's replay: the kept time counts as an answer when it was kept for this
  // station (its device id): a journal cleared and a station set up anew start from "never".
  void restore();
  // From the frame loop: keeps the station's latest answer when it moved.
  void tick();

 private:
  Station& m_station;
  client::KeyValueStore& m_store;
  int64_t m_keptMs = 0;
};

}  // namespace diemquet::sync
