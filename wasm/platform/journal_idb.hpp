// The journal's keys and deletions (journal_idb.cpp), for the retention purge. Appends are
// declared in platform.hpp with the rest of the station's view of the browser.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

namespace diemquet::platform {

// The IndexedDB key of the record whose append is being reported: valid only while a
// journalAppend `done` callback runs, 0 anywhere else (Station::setJournalKeySource).
int64_t journalCommittedKey();

// Deletes these records from the journal in one IndexedDB transaction (runs of consecutive
// keys as key ranges). `done(true)` once it has committed, `done(false)` if it failed; either
// way exactly once, from the browser's event loop.
void journalDelete(const std::vector<int64_t>& keys, std::function<void(bool)> done);

}  // namespace diemquet::platform
