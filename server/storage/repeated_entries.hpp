// Two phones at one gate, the second offline (session 12): an "in" from another device at the
// same venue and scan point, of the same person, within the repeat window of her earlier entry
// there only repeats that entry. It is kept as sent, but repeated_entries names it so the
// report, its roll-up and the purge's aggregates count her once.
//
// The marks are decided inside the upload's own transaction (both backends' ingest), from one
// indexed read per commit: the people of the commit's entries, around their times
// (check_ins_by_person / check_ins_by_phone). Nothing is read for a commit without an entry.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store.hpp"

namespace diemquet::server {

// The repeat window the server applies to every station's records (stations may set their own
// for their own scans; the server merges what offline phones decided alone).
int64_t serverRepeatWindowMs();

class RepeatedEntryMarks {
 public:
  // One upload of the commit, after its rows are written: its stored entries and the entries it
  // voided are what may start, end or move a mark.
  void add(const std::vector<CheckIn>& batch, const std::vector<IngestOutcome>& outcomes);
  bool empty() const { return m_changed.empty(); }

  // The read, in the commit's transaction: the entries (not voided, "in") of the people added,
  // from one window before the earliest to two windows after the latest, with their marks.
  // A few hundred people per statement.
  std::vector<SqlStatement> lookup() const;

  struct Changes {
    std::vector<SqlStatement> statements;  // marks added and removed
    // Rows of a day before today (`nowMs`'s) whose mark changed and that this commit did not
    // write: the backend gives each a new ingest sequence, so a day already rolled up is
    // counted again.
    std::vector<RecordId> recount;
  };
  // From the lookup's rows (in its statements' order).
  Changes changes(const std::vector<SqlRows>& found, int64_t nowMs) const;

 private:
  struct Changed {
    std::string person;  // the person key, or "phone:<number>" for one known by phone only
    RecordId id;
    int64_t atMs = 0;
    bool voided = false;
    bool stored = false;  // written by this commit
  };
  std::vector<Changed> m_changed;
};

}  // namespace diemquet::server
