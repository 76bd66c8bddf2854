// Operations migrations (versions 300-319): monthly partitions of check-ins on PostgreSQL and
// the row /health/ready writes. Kept apart from schema.hpp's lists so parallel work on other
// version ranges never touches these lines; orderedMigrations() appends them.
#pragma once
#include "schema.hpp"

namespace diemquet::server {

// 300: check_ins becomes a table partitioned by UTC month of ts_ms (PostgreSQL; SQLite is
// untouched). Uniqueness of (device_id, seq) was a global unique index; a partitioned table
// can only have unique indexes that contain the partition key, so it is now kept by the
// ingest path alone: a transaction-scoped advisory lock per device, then a lookup of what is
// stored (pg_store.cpp), which every server process already did. The primary key gains ts_ms.
// Months are created ahead by dq_ensure_check_in_months (called by the retention task at
// start and hourly); a DEFAULT partition takes rows of months not created (yet), and
// creating such a month moves them in. The retention purge drops months wholly past the
// cutoff (dq_drop_check_in_months_before) instead of deleting their rows one by one.
// The existing table is copied once, under this migration's transaction.
inline const Migration& opsMigration300() {
  static const Migration m{300, "SELECT 1;",
       R"sql(
CREATE FUNCTION dq_ensure_check_in_months(from_ms BIGINT, to_ms BIGINT) RETURNS INTEGER LANGUAGE plpgsql AS $f$
DECLARE
  m TIMESTAMP := date_trunc('month', to_timestamp(from_ms / 1000.0) AT TIME ZONE 'UTC');
  last TIMESTAMP := date_trunc('month', to_timestamp(to_ms / 1000.0) AT TIME ZONE 'UTC');
  lo BIGINT; hi BIGINT; part TEXT; made INTEGER := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(727100003);  -- several servers may run this at once
  WHILE m <= last LOOP
    part := 'check_ins_m' || to_char(m, 'YYYYMM');
    lo := (extract(epoch FROM m) * 1000)::BIGINT;
    hi := (extract(epoch FROM m + INTERVAL '1 month') * 1000)::BIGINT;
    IF to_regclass(quote_ident(part)) IS NULL THEN
      EXECUTE format('CREATE TABLE %I (LIKE check_ins INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
      EXECUTE format('WITH moved AS (DELETE FROM check_ins_default WHERE ts_ms >= %s AND ts_ms < %s RETURNING *) '
                     'INSERT INTO %I SELECT * FROM moved', lo, hi, part);
      EXECUTE format('ALTER TABLE check_ins ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)', part, lo, hi);
      made := made + 1;
    END IF;
    m := m + INTERVAL '1 month';
  END LOOP;
  RETURN made;
END $f$;

CREATE FUNCTION dq_drop_check_in_months_before(cutoff_ms BIGINT, OUT partitions INTEGER, OUT check_ins BIGINT)
LANGUAGE plpgsql AS $f$
DECLARE r RECORD; hi BIGINT; n BIGINT;
BEGIN
  partitions := 0; check_ins := 0;
  PERFORM pg_advisory_xact_lock(727100003);
  FOR r IN SELECT c.oid::regclass AS part, pg_get_expr(c.relpartbound, c.oid) AS bound
           FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'check_ins'::regclass ORDER BY 2 LOOP
    hi := substring(r.bound FROM 'TO \(''?(-?[0-9]+)''?\)')::BIGINT;
    IF hi IS NOT NULL AND hi <= cutoff_ms THEN
      EXECUTE format('SELECT count(*) FROM %s', r.part) INTO n;
      EXECUTE format('DROP TABLE %s', r.part);
      partitions := partitions + 1;
      check_ins := check_ins + n;
    END IF;
  END LOOP;
END $f$;

ALTER TABLE check_ins RENAME TO check_ins_before_300;
ALTER TABLE check_ins_before_300 DROP CONSTRAINT check_ins_pkey;
DROP INDEX IF EXISTS check_ins_identity, check_ins_report, check_ins_by_ingest, check_ins_by_person,
  check_ins_by_phone, check_ins_by_ts, check_ins_by_time;
CREATE TABLE check_ins (LIKE check_ins_before_300 INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)
  PARTITION BY RANGE (ts_ms);
ALTER TABLE check_ins ADD PRIMARY KEY (venue_id, device_id, seq, ts_ms);
CREATE INDEX check_ins_identity ON check_ins(device_id, seq);
CREATE INDEX check_ins_report ON check_ins(venue_id, ts_ms, voided);
CREATE INDEX check_ins_by_ingest ON check_ins(ingest_seq);
CREATE INDEX check_ins_by_person ON check_ins(person_key, ts_ms);
CREATE INDEX check_ins_by_phone ON check_ins(phone, ts_ms) WHERE phone <> '';
CREATE INDEX check_ins_by_ts ON check_ins(ts_ms);
CREATE TRIGGER check_ins_void_seq BEFORE UPDATE OF voided ON check_ins FOR EACH ROW
  EXECUTE FUNCTION check_ins_void_reseq();
CREATE TABLE check_ins_default PARTITION OF check_ins DEFAULT;
-- Months of the stored rows (at most 14 back; older rows stay in the default partition) and
-- two ahead, then the rows.
SELECT dq_ensure_check_in_months(
  GREATEST(COALESCE((SELECT MIN(ts_ms) FROM check_ins_before_300), (extract(epoch FROM now()) * 1000)::BIGINT),
           (extract(epoch FROM now() - INTERVAL '14 months') * 1000)::BIGINT),
  (extract(epoch FROM now() + INTERVAL '2 months') * 1000)::BIGINT);
INSERT INTO check_ins SELECT * FROM check_ins_before_300;
DROP TABLE check_ins_before_300;
)sql"};
  return m;
}

// 301: one row that GET /health/ready updates: a write that commits is the readiness test.
inline const Migration& opsMigration301() {
  static const Migration m{301,
       "CREATE TABLE health_probe (id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL);"
       "INSERT INTO health_probe VALUES (1, 0);",
       "CREATE TABLE health_probe (id INTEGER PRIMARY KEY, at_ms BIGINT NOT NULL);"
       "INSERT INTO health_probe VALUES (1, 0);"};
  return m;
}

}  // namespace diemquet::server
