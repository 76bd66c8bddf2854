#include "check_in_log.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <utility>

namespace diemquet {

namespace {

const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS venues(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT 'other', staff_count INTEGER NOT NULL DEFAULT 0,
  default_stay_minutes INTEGER NOT NULL DEFAULT 120);
CREATE TABLE IF NOT EXISTS scan_points(
  id TEXT PRIMARY KEY, venue_id TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS check_ins(
  device_id TEXT NOT NULL, seq INTEGER NOT NULL,
  venue_id TEXT NOT NULL, scan_point_id TEXT NOT NULL,
  kind TEXT NOT NULL, person_key TEXT NOT NULL, display_name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '', birth_year INTEGER NOT NULL DEFAULT 0,
  direction TEXT NOT NULL CHECK(direction IN ('in','out')),
  utc_ms INTEGER NOT NULL, offset_min INTEGER NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0, synced INTEGER NOT NULL DEFAULT 0,
  journal_key INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(device_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS journal_refs(
  key INTEGER PRIMARY KEY, kind TEXT NOT NULL, device_id TEXT NOT NULL,
  first INTEGER NOT NULL, last INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS check_ins_venue_time ON check_ins(venue_id, utc_ms, seq);
CREATE INDEX IF NOT EXISTS check_ins_person ON check_ins(venue_id, person_key, utc_ms);
CREATE INDEX IF NOT EXISTS check_ins_pending ON check_ins(synced, device_id, seq);
)SQL";

const char* kColumns =
    "device_id, seq, venue_id, scan_point_id, kind, person_key, display_name, phone, birth_year, "
    "direction, utc_ms, offset_min, voided, synced";

// One prepared statement, reset after every use. Prepared at its first use, not when the log
// opens: a station's start then parses only the queries its first screen runs (on a phone,
// the parse of all of them was a long task before the first frame, issue #15).
class Stmt {
 public:
  Stmt(sqlite3* db, std::string sql) : m_db(db), m_sql(std::move(sql)) {}
  ~Stmt() { sqlite3_finalize(m_s); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  sqlite3_stmt* get() const {
    if (!m_s) sqlite3_prepare_v3(m_db, m_sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &m_s, nullptr);
    return m_s;
  }
  void bind(int i, const std::string& v) const { sqlite3_bind_text(get(), i, v.data(), int(v.size()), SQLITE_TRANSIENT); }
  void bind(int i, int64_t v) const { sqlite3_bind_int64(get(), i, v); }
  int step() const { return sqlite3_step(get()); }
  void reset() const {
    if (!m_s) return;  // never used: nothing to reset
    sqlite3_reset(m_s);
    sqlite3_clear_bindings(m_s);
  }
  std::string text(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(get(), col));
    return p ? std::string(p, size_t(sqlite3_column_bytes(get(), col))) : std::string();
  }
  int64_t integer(int col) const { return sqlite3_column_int64(get(), col); }

 private:
  sqlite3* m_db;
  std::string m_sql;
  mutable sqlite3_stmt* m_s = nullptr;
};

// Resets the statement when the scope ends, whatever path it takes.
struct ResetGuard {
  const Stmt& s;
  ~ResetGuard() { s.reset(); }
};

CheckIn readCheckIn(const Stmt& s) {
  CheckIn c;
  c.deviceId = s.text(0);
  c.seq = s.integer(1);
  c.venueId = s.text(2);
  c.scanPointId = s.text(3);
  c.person.kind = personKindFromString(s.text(4)).value_or(PersonKind::Manual);
  c.person.key = s.text(5);
  c.person.displayName = s.text(6);
  c.person.phone = s.text(7);
  c.person.birthYear = int(s.integer(8));
  c.direction = directionFromString(s.text(9)).value_or(Direction::In);
  c.at.utcMs = s.integer(10);
  c.at.offsetMinutes = int(s.integer(11));
  c.voided = s.integer(12) != 0;
  c.sync = s.integer(13) ? SyncState::Synced : SyncState::Pending;
  return c;
}

Error dbError(sqlite3* db, const char* what) {
  return makeError(ErrorKind::Storage, std::string(what) + ": " + sqlite3_errmsg(db));
}

}  // namespace

struct CheckInLog::Statements {
  explicit Statements(sqlite3* db)
      : insert(db, std::string("INSERT INTO check_ins(") + kColumns + ", journal_key) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        find(db, std::string("SELECT ") + kColumns + " FROM check_ins WHERE device_id=? AND seq=?"),
        setVoided(db, "UPDATE check_ins SET voided=1, synced=0 WHERE device_id=? AND seq=?"),
        markSynced(db, "UPDATE check_ins SET synced=1 WHERE device_id=? AND seq BETWEEN ? AND ?"),
        setDirection(db, "UPDATE check_ins SET direction=? WHERE device_id=? AND seq=?"),
        upsertVenue(db, "INSERT INTO venues(id,name,address,category,staff_count,default_stay_minutes) VALUES(?,?,?,?,?,?) "
                        "ON CONFLICT(id) DO UPDATE SET name=excluded.name, address=excluded.address, "
                        "category=excluded.category, staff_count=excluded.staff_count, "
                        "default_stay_minutes=excluded.default_stay_minutes"),
        upsertScanPoint(db, "INSERT INTO scan_points(id,venue_id,name) VALUES(?,?,?) "
                            "ON CONFLICT(id) DO UPDATE SET venue_id=excluded.venue_id, name=excluded.name"),
        scanPoints(db, "SELECT id, venue_id, name FROM scan_points WHERE venue_id=? ORDER BY name"),
        dayCounts(db, "SELECT direction, count(*) FROM check_ins WHERE venue_id=? AND utc_ms>=? AND utc_ms<? "
                      "AND voided=0 GROUP BY direction"),
        insideNow(db, "SELECT count(*) FROM (SELECT person_key, direction, max(utc_ms) AS t FROM check_ins "
                      "WHERE venue_id=? AND utc_ms>=? AND utc_ms<? AND voided=0 GROUP BY person_key) "
                      "WHERE direction='in' AND t>=?"),
        inside(db, std::string("SELECT ") + kColumns + " FROM check_ins c WHERE venue_id=?1 AND voided=0 AND direction='in' "
                   "AND utc_ms>=?3 AND utc_ms=(SELECT max(utc_ms) FROM check_ins d WHERE d.venue_id=?1 AND "
                   "d.person_key=c.person_key AND d.voided=0 AND d.utc_ms>=?2) ORDER BY utc_ms"),
        lastEntries(db, "SELECT person_key, direction, max(utc_ms) FROM check_ins WHERE venue_id=? AND utc_ms>=? "
                        "AND utc_ms<? AND voided=0 GROUP BY person_key"),
        recent(db, std::string("SELECT ") + kColumns + " FROM check_ins WHERE venue_id=? ORDER BY utc_ms DESC, seq DESC LIMIT ?"),
        lastEntry(db, std::string("SELECT ") + kColumns + " FROM check_ins WHERE venue_id=? AND person_key=? AND utc_ms>=? "
                      "AND voided=0 ORDER BY utc_ms DESC, seq DESC LIMIT 1"),
        count(db, "SELECT count(*) FROM check_ins"),
        pendingCount(db, "SELECT count(*) FROM check_ins WHERE synced=0"),
        pending(db, std::string("SELECT ") + kColumns + " FROM check_ins WHERE synced=0 ORDER BY device_id, seq LIMIT ?"),
        journalKeyOf(db, "SELECT journal_key FROM check_ins WHERE device_id=? AND seq=?"),
        setJournalKey(db, "UPDATE check_ins SET journal_key=? WHERE device_id=? AND seq=?"),
        addRef(db, "INSERT OR REPLACE INTO journal_refs(key, kind, device_id, first, last) VALUES(?,?,?,?,?)"),
        anyPurgeable(db, "SELECT 1 FROM check_ins WHERE synced=1 AND utc_ms<? AND journal_key<>0 LIMIT 1"),
        purgeable(db, "SELECT device_id, seq, journal_key FROM check_ins WHERE synced=1 AND utc_ms<? AND journal_key<>0 "
                      "LIMIT ?"),
        refsOfRow(db, "SELECT key FROM journal_refs WHERE device_id=? AND first=? AND last=? AND kind IN ('void','ci') "
                      "ORDER BY kind DESC, key"),
        deleteRefsOfRow(db, "DELETE FROM journal_refs WHERE device_id=? AND first=? AND last=? AND kind IN ('void','ci')"),
        deleteRow(db, "DELETE FROM check_ins WHERE device_id=? AND seq=?"),
        orphanRefs(db, "SELECT key FROM journal_refs r WHERE key<? AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE "
                       "c.device_id=r.device_id AND c.seq BETWEEN r.first AND r.last) ORDER BY key"),
        deleteRef(db, "DELETE FROM journal_refs WHERE key=?"),
        unsyncedBefore(db, "SELECT count(*) FROM check_ins WHERE synced=0 AND utc_ms<?") {}
  Stmt insert, find, setVoided, markSynced, setDirection, upsertVenue, upsertScanPoint, scanPoints, dayCounts, insideNow, inside, lastEntries, recent,
      lastEntry, count, pendingCount, pending, journalKeyOf, setJournalKey, addRef, anyPurgeable, purgeable, refsOfRow,
      deleteRefsOfRow, deleteRow, orphanRefs, deleteRef, unsyncedBefore;
};

Result<std::unique_ptr<CheckInLog>> CheckInLog::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    Error e = dbError(db, "cannot open the check-in log");
    sqlite3_close(db);
    return e;
  }
  char* err = nullptr;
  if (sqlite3_exec(db, kSchema, nullptr, nullptr, &err) != SQLITE_OK) {
    Error e = makeError(ErrorKind::Storage, std::string("cannot create the schema: ") + (err ? err : "?"));
    sqlite3_free(err);
    sqlite3_close(db);
    return e;
  }
  return std::unique_ptr<CheckInLog>(new CheckInLog(db));
}

CheckInLog::CheckInLog(sqlite3* db) : m_db(db), m_stmts(std::make_unique<Statements>(db)) {}

CheckInLog::~CheckInLog() {
  m_stmts.reset();
  sqlite3_close(m_db);
}

Status CheckInLog::add(const CheckIn& c, int64_t journalKey) {
  if (auto existing = find(c.deviceId, c.seq)) {
    CheckIn same = c;
    same.sync = existing->sync;
    same.voided = existing->voided;
    if (same != *existing)
      return makeError(ErrorKind::Conflict, "a different check-in with the same device and sequence number exists");
    // The same record twice in the journal: both copies go when the check-in is purged.
    if (journalKey != 0) {
      int64_t known = 0;
      {
        const Stmt& k = m_stmts->journalKeyOf;
        ResetGuard g{k};
        k.bind(1, c.deviceId);
        k.bind(2, c.seq);
        if (k.step() == SQLITE_ROW) known = k.integer(0);
      }
      if (known == 0) {
        const Stmt& u = m_stmts->setJournalKey;
        ResetGuard g{u};
        u.bind(1, journalKey);
        u.bind(2, c.deviceId);
        u.bind(3, c.seq);
        if (u.step() != SQLITE_DONE) return dbError(m_db, "cannot note the journal key");
      } else if (known != journalKey) {
        return addJournalRef(journalKey, JournalRefKind::CheckIn, c.deviceId, {c.seq, c.seq});
      }
    }
    return Done{};
  }
  const Stmt& s = m_stmts->insert;
  ResetGuard g{s};
  s.bind(1, c.deviceId);
  s.bind(2, c.seq);
  s.bind(3, c.venueId);
  s.bind(4, c.scanPointId);
  s.bind(5, std::string(toString(c.person.kind)));
  s.bind(6, c.person.key);
  s.bind(7, c.person.displayName);
  s.bind(8, c.person.phone);
  s.bind(9, int64_t(c.person.birthYear));
  s.bind(10, std::string(toString(c.direction)));
  s.bind(11, c.at.utcMs);
  s.bind(12, int64_t(c.at.offsetMinutes));
  s.bind(13, int64_t(c.voided));
  s.bind(14, int64_t(c.sync == SyncState::Synced));
  s.bind(15, journalKey);
  if (s.step() != SQLITE_DONE) return dbError(m_db, "cannot add the check-in");
  return Done{};
}

Status CheckInLog::addJournalRef(int64_t key, JournalRefKind kind, const std::string& deviceId, SeqRange seqs) {
  if (key == 0) return Done{};
  static const char* names[] = {"ci", "void", "ack", "rej"};
  const Stmt& s = m_stmts->addRef;
  ResetGuard g{s};
  s.bind(1, key);
  s.bind(2, std::string(names[int(kind)]));
  s.bind(3, deviceId);
  s.bind(4, seqs.first);
  s.bind(5, seqs.last);
  if (s.step() != SQLITE_DONE) return dbError(m_db, "cannot note the journal record");
  return Done{};
}

bool CheckInLog::anyPurgeable(int64_t cutoffUtcMs) const {
  const Stmt& s = m_stmts->anyPurgeable;
  ResetGuard g{s};
  s.bind(1, cutoffUtcMs);
  return s.step() == SQLITE_ROW;
}

Result<int> CheckInLog::purgeSynced(int64_t cutoffUtcMs, int maxRows, std::vector<int64_t>& journalKeys) {
  struct Row {
    std::string device;
    int64_t seq, key;
  };
  std::vector<Row> rows;
  {
    const Stmt& s = m_stmts->purgeable;
    ResetGuard g{s};
    s.bind(1, cutoffUtcMs);
    s.bind(2, int64_t(std::max(1, maxRows)));
    while (s.step() == SQLITE_ROW) rows.push_back({s.text(0), s.integer(1), s.integer(2)});
  }
  if (rows.empty()) return 0;
  bool own = sqlite3_get_autocommit(m_db) != 0;
  if (own && sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) return dbError(m_db, "begin");
  for (const Row& r : rows) {
    // Voids first, then duplicate copies, then the check-in itself: a crash between two
    // journal deletions never leaves a void whose check-in is gone.
    const Stmt& refs = m_stmts->refsOfRow;
    {
      ResetGuard g{refs};
      refs.bind(1, r.device);
      refs.bind(2, r.seq);
      refs.bind(3, r.seq);
      while (refs.step() == SQLITE_ROW) journalKeys.push_back(refs.integer(0));
    }
    journalKeys.push_back(r.key);
    for (const Stmt* st : {&m_stmts->deleteRefsOfRow, &m_stmts->deleteRow}) {
      ResetGuard g{*st};
      st->bind(1, r.device);
      st->bind(2, r.seq);
      if (st == &m_stmts->deleteRefsOfRow) st->bind(3, r.seq);
      if (st->step() != SQLITE_DONE) {
        Error e = dbError(m_db, "cannot purge a check-in");
        if (own) sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        return e;
      }
    }
  }
  if (own && sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return dbError(m_db, "commit");
  return int(rows.size());
}

Result<int> CheckInLog::dropOrphanRefs(int64_t beforeKey, std::vector<int64_t>& journalKeys) {
  std::vector<int64_t> keys;
  {
    const Stmt& s = m_stmts->orphanRefs;
    ResetGuard g{s};
    s.bind(1, beforeKey);
    while (s.step() == SQLITE_ROW) keys.push_back(s.integer(0));
  }
  for (int64_t k : keys) {
    const Stmt& d = m_stmts->deleteRef;
    ResetGuard g{d};
    d.bind(1, k);
    if (d.step() != SQLITE_DONE) return dbError(m_db, "cannot drop a journal reference");
    journalKeys.push_back(k);
  }
  return int(keys.size());
}

int64_t CheckInLog::unsyncedBefore(int64_t cutoffUtcMs) const {
  const Stmt& s = m_stmts->unsyncedBefore;
  ResetGuard g{s};
  s.bind(1, cutoffUtcMs);
  return s.step() == SQLITE_ROW ? s.integer(0) : 0;
}

Status CheckInLog::setVoided(const std::string& deviceId, int64_t seq) {
  const Stmt& s = m_stmts->setVoided;
  ResetGuard g{s};
  s.bind(1, deviceId);
  s.bind(2, seq);
  if (s.step() != SQLITE_DONE) return dbError(m_db, "cannot void the check-in");
  if (sqlite3_changes(m_db) == 0) return makeError(ErrorKind::NotFound, "no such check-in");
  return Done{};
}

Status CheckInLog::setDirection(const std::string& deviceId, int64_t seq, Direction direction) {
  const Stmt& s = m_stmts->setDirection;
  ResetGuard g{s};
  s.bind(1, std::string(toString(direction)));
  s.bind(2, deviceId);
  s.bind(3, seq);
  if (s.step() != SQLITE_DONE) return dbError(m_db, "cannot correct the check-in's direction");
  if (sqlite3_changes(m_db) == 0) return makeError(ErrorKind::NotFound, "no such check-in");
  return Done{};
}

Status CheckInLog::markSynced(const std::string& deviceId, const std::vector<SeqRange>& ranges) {
  for (const SeqRange& r : ranges) {
    const Stmt& s = m_stmts->markSynced;
    ResetGuard g{s};
    s.bind(1, deviceId);
    s.bind(2, r.first);
    s.bind(3, r.last);
    if (s.step() != SQLITE_DONE) return dbError(m_db, "cannot mark check-ins synced");
  }
  return Done{};
}

Status CheckInLog::upsertVenue(const Venue& v) {
  const Stmt& s = m_stmts->upsertVenue;
  ResetGuard g{s};
  s.bind(1, v.id);
  s.bind(2, v.name);
  s.bind(3, v.address);
  s.bind(4, v.category);
  s.bind(5, int64_t(v.staffCount));
  s.bind(6, int64_t(v.defaultStayMinutes));
  if (s.step() != SQLITE_DONE) return dbError(m_db, "cannot save the venue");
  return Done{};
}

Status CheckInLog::upsertScanPoint(const ScanPoint& p) {
  const Stmt& s = m_stmts->upsertScanPoint;
  ResetGuard g{s};
  s.bind(1, p.id);
  s.bind(2, p.venueId);
  s.bind(3, p.name);
  if (s.step() != SQLITE_DONE) return dbError(m_db, "cannot save the scan point");
  return Done{};
}

std::vector<ScanPoint> CheckInLog::scanPoints(const std::string& venueId) const {
  std::vector<ScanPoint> out;
  const Stmt& s = m_stmts->scanPoints;
  ResetGuard g{s};
  s.bind(1, venueId);
  while (s.step() == SQLITE_ROW) out.push_back({s.text(0), s.text(1), s.text(2)});
  return out;
}

DaySummary CheckInLog::summary(const std::string& venueId, int64_t dayStart, int64_t dayEnd,
                               int64_t openSince) const {
  DaySummary d;
  {
    const Stmt& s = m_stmts->dayCounts;
    ResetGuard g{s};
    s.bind(1, venueId);
    s.bind(2, dayStart);
    s.bind(3, dayEnd);
    while (s.step() == SQLITE_ROW) (s.text(0) == "in" ? d.checkInsToday : d.checkOutsToday) = int(s.integer(1));
  }
  const Stmt& s = m_stmts->insideNow;
  ResetGuard g{s};
  s.bind(1, venueId);
  s.bind(2, dayStart);
  s.bind(3, dayEnd);
  s.bind(4, openSince);
  if (s.step() == SQLITE_ROW) d.insideNow = int(s.integer(0));
  return d;
}

std::vector<CheckIn> CheckInLog::peopleInside(const std::string& venueId, int64_t dayStart, int64_t openSince) const {
  std::vector<CheckIn> out;
  const Stmt& s = m_stmts->inside;
  ResetGuard g{s};
  s.bind(1, venueId);
  s.bind(2, dayStart);
  s.bind(3, std::max(dayStart, openSince));
  while (s.step() == SQLITE_ROW) out.push_back(readCheckIn(s));
  return out;
}

std::vector<PersonLastEntry> CheckInLog::lastEntries(const std::string& venueId, int64_t dayStart, int64_t dayEnd) const {
  std::vector<PersonLastEntry> out;
  const Stmt& s = m_stmts->lastEntries;
  ResetGuard g{s};
  s.bind(1, venueId);
  s.bind(2, dayStart);
  s.bind(3, dayEnd);
  while (s.step() == SQLITE_ROW)
    out.push_back(PersonLastEntry{s.text(0), s.text(1) == "in" ? Direction::In : Direction::Out, s.integer(2)});
  return out;
}

std::vector<CheckIn> CheckInLog::recent(const std::string& venueId, int limit) const {
  std::vector<CheckIn> out;
  const Stmt& s = m_stmts->recent;
  ResetGuard g{s};
  s.bind(1, venueId);
  s.bind(2, int64_t(limit));
  while (s.step() == SQLITE_ROW) out.push_back(readCheckIn(s));
  return out;
}

std::optional<CheckIn> CheckInLog::lastEntryOf(const std::string& venueId, const std::string& personKey,
                                               int64_t sinceUtcMs) const {
  const Stmt& s = m_stmts->lastEntry;
  ResetGuard g{s};
  s.bind(1, venueId);
  s.bind(2, personKey);
  s.bind(3, sinceUtcMs);
  if (s.step() == SQLITE_ROW) return readCheckIn(s);
  return std::nullopt;
}

std::optional<CheckIn> CheckInLog::find(const std::string& deviceId, int64_t seq) const {
  const Stmt& s = m_stmts->find;
  ResetGuard g{s};
  s.bind(1, deviceId);
  s.bind(2, seq);
  if (s.step() == SQLITE_ROW) return readCheckIn(s);
  return std::nullopt;
}

int64_t CheckInLog::count() const {
  ResetGuard g{m_stmts->count};
  return m_stmts->count.step() == SQLITE_ROW ? m_stmts->count.integer(0) : 0;
}

int64_t CheckInLog::pendingCount() const {
  ResetGuard g{m_stmts->pendingCount};
  return m_stmts->pendingCount.step() == SQLITE_ROW ? m_stmts->pendingCount.integer(0) : 0;
}

std::vector<CheckIn> CheckInLog::pending(int limit) const {
  std::vector<CheckIn> out;
  const Stmt& s = m_stmts->pending;
  ResetGuard g{s};
  s.bind(1, int64_t(limit));
  while (s.step() == SQLITE_ROW) out.push_back(readCheckIn(s));
  return out;
}

Status CheckInLog::beginBatch() {
  if (sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) return dbError(m_db, "begin");
  return Done{};
}

Status CheckInLog::commitBatch() {
  if (sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return dbError(m_db, "commit");
  return Done{};
}

}  // namespace diemquet
