// Entries a second phone repeated at the same gate (session 12): which entries of a commit's
// people repeat another device's, decided from one read, written once over dialect-neutral SQL
// for both backends (run inside their ingest transaction: sqlite_store.cpp, pg_store.cpp).
#include "repeated_entries.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "journal.hpp"
#include "sql_values.hpp"

namespace diemquet::server {

using sql::integer;
using sql::text;

int64_t serverRepeatWindowMs() {
  return int64_t(kDefaultRepeatWindowMinutes) * 60'000;
}

namespace {

std::string personOf(const std::string& key, const std::string& phone) {
  return key.empty() ? "phone:" + phone : key;
}

// One entry as the lookup read it.
struct Entry {
  std::string venueId, scanPoint, person;
  RecordId id;
  int64_t atMs = 0;
  bool marked = false;
};

}  // namespace

void RepeatedEntryMarks::add(const std::vector<CheckIn>& batch, const std::vector<IngestOutcome>& outcomes) {
  for (size_t i = 0; i < batch.size() && i < outcomes.size(); ++i) {
    const CheckIn& c = batch[i];
    const bool stored = outcomes[i] == IngestOutcome::Stored, voided = outcomes[i] == IngestOutcome::Voided;
    // An exit repeats nothing and ends no repeat; a record without a person is nobody's entry.
    if ((!stored && !voided) || c.direction != Direction::In) continue;
    if (c.person.key.empty() && c.person.phone.empty()) continue;
    m_changed.push_back(
        Changed{personOf(c.person.key, c.person.phone), RecordId{c.deviceId, c.seq}, c.at.utcMs, c.voided, stored});
  }
}

std::vector<SqlStatement> RepeatedEntryMarks::lookup() const {
  std::vector<SqlStatement> out;
  if (m_changed.empty()) return out;
  int64_t from = std::numeric_limits<int64_t>::max(), to = std::numeric_limits<int64_t>::min();
  std::set<std::string> keys, phones;
  for (const Changed& c : m_changed) {
    from = std::min(from, c.atMs);
    to = std::max(to, c.atMs);
    if (c.person.rfind("phone:", 0) == 0)
      phones.insert(c.person.substr(6));
    else
      keys.insert(c.person);
  }
  const int64_t window = serverRepeatWindowMs();
  // Each person's entries by check_ins_by_person (person_key, ts_ms), or for those known by
  // phone only check_ins_by_phone (phone, ts_ms) WHERE phone <> '': an index range per person.
  constexpr size_t kPerStatement = 400;
  auto select = [&](const std::set<std::string>& values, bool byPhone) {
    std::vector<std::string> all(values.begin(), values.end());
    for (size_t at = 0; at < all.size(); at += kPerStatement) {
      SqlStatement s{std::string("SELECT c.person_key, ") + (byPhone ? "c.phone" : "''") +
                         ", c.device_id, c.seq, c.venue_id, c.scan_point_id, c.ts_ms, (SELECT COUNT(*) FROM "
                         "repeated_entries r WHERE r.device_id = c.device_id AND r.seq = c.seq) FROM check_ins c WHERE " +
                         (byPhone ? "c.phone" : "c.person_key") + " IN (",
                     {}};
      const size_t end = std::min(all.size(), at + kPerStatement);
      s.params.reserve(end - at + 2);
      for (size_t i = at; i < end; ++i) {
        s.sql += i == at ? "?" : ", ?";
        s.params.emplace_back(all[i]);
      }
      s.sql += std::string(")") + (byPhone ? " AND c.phone <> '' AND c.person_key = ''" : "") +
               " AND c.ts_ms >= ? AND c.ts_ms <= ? AND c.dir = 'in' AND NOT c.voided";
      s.params.emplace_back(from - window);
      s.params.emplace_back(to + 2 * window);
      out.push_back(std::move(s));
    }
  };
  select(keys, false);
  select(phones, true);
  return out;
}

RepeatedEntryMarks::Changes RepeatedEntryMarks::changes(const std::vector<SqlRows>& found, int64_t nowMs) const {
  const int64_t window = serverRepeatWindowMs();
  // Vietnam days (UTC+7); only a day before today can have been rolled up.
  auto dayOf = [](int64_t ms) { return (ms + 25'200'000) / 86'400'000; };
  const int64_t today = dayOf(nowMs);
  // Each person's entries from her earliest changed one on are decided again: each has its
  // whole window before it in what was read. A change moves the marks after it up to two
  // windows on (an entry that stops repeating may make the next one within its window a repeat).
  std::map<std::string, int64_t> decideFrom;
  std::set<RecordId> written;
  for (const Changed& c : m_changed) {
    auto [it, fresh] = decideFrom.try_emplace(c.person, c.atMs);
    if (!fresh) it->second = std::min(it->second, c.atMs);
    if (c.stored) written.insert(c.id);
  }
  // By venue, scan point and person, then in the timeline's order (time, device, seq).
  std::vector<Entry> entries;
  for (const SqlRows& rows : found)
    for (const auto& row : rows.rows) {
      Entry e{text(row[4]), text(row[5]), personOf(text(row[0]), text(row[1])), RecordId{text(row[2]), integer(row[3])},
              integer(row[6]), integer(row[7]) > 0};
      if (!e.scanPoint.empty() && decideFrom.count(e.person)) entries.push_back(std::move(e));
    }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.venueId, a.scanPoint, a.person, a.atMs, a.id.deviceId, a.id.seq) <
           std::tie(b.venueId, b.scanPoint, b.person, b.atMs, b.id.deviceId, b.id.seq);
  });
  Changes out;
  std::vector<const Entry*> mark;
  std::vector<RecordId> unmark;
  // An entry repeats the latest entry before it, from another device, that is no repeat itself
  // (the visit's entry, as common/venue_timeline.hpp reads it), when that is within the window.
  // Of the entries that are no repeat, the latest and the latest of another device than that
  // one are enough to find it.
  const Entry *latest = nullptr, *latestOther = nullptr;
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    if (i == 0 || std::tie(e.venueId, e.scanPoint, e.person) !=
                      std::tie(entries[i - 1].venueId, entries[i - 1].scanPoint, entries[i - 1].person))
      latest = latestOther = nullptr;
    bool repeats = e.marked;  // before her first change: as marked before
    if (e.atMs >= decideFrom.at(e.person)) {
      const Entry* before = latest && latest->id.deviceId != e.id.deviceId ? latest : latestOther;
      repeats = before && e.atMs - before->atMs <= window;
      if (repeats && !e.marked) mark.push_back(&e);
      if (!repeats && e.marked) unmark.push_back(e.id);
      if (repeats != e.marked && dayOf(e.atMs) < today && !written.count(e.id)) out.recount.push_back(e.id);
    }
    if (repeats) continue;
    if (latest && latest->id.deviceId != e.id.deviceId) latestOther = latest;
    latest = &e;
  }
  // An entry voided now is nobody's entry: no mark (its void gave it a new ingest sequence).
  for (const Changed& c : m_changed)
    if (c.voided) unmark.push_back(c.id);
  constexpr size_t kRowsPerInsert = 200;
  for (size_t at = 0; at < mark.size(); at += kRowsPerInsert) {
    SqlStatement s{"INSERT INTO repeated_entries(venue_id, device_id, seq, ts_ms) VALUES ", {}};
    for (size_t i = at; i < mark.size() && i < at + kRowsPerInsert; ++i) {
      s.sql += i == at ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)";
      s.params.insert(s.params.end(), {mark[i]->venueId, mark[i]->id.deviceId, mark[i]->id.seq, mark[i]->atMs});
    }
    s.sql += " ON CONFLICT(device_id, seq) DO NOTHING";
    out.statements.push_back(std::move(s));
  }
  for (const RecordId& id : unmark)
    out.statements.push_back({"DELETE FROM repeated_entries WHERE device_id = ? AND seq = ?", {id.deviceId, id.seq}});
  return out;
}

}  // namespace diemquet::server
