// Office benchmark: a province-size dataset (venues spread over the area table's wards,
// check-ins over 4 weeks through the real ingest path), then the time to build the weekly
// compliance report of the province and of one ward, and to answer a contact trace.
// Usage: bench_office DBSPEC VENUES CHECKINS   (prints one JSON line)
#include <chrono>
#include <cstdio>
#include <random>

#include "data/areas.hpp"
#include "office/report.hpp"
#include "office/trace.hpp"
#include "storage/store.hpp"

using namespace diemquet;
using namespace diemquet::server;
using namespace diemquet::server::office;

namespace {
double secondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_office: %s\n", what.c_str());
  std::exit(1);
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) die("usage: bench_office DBSPEC VENUES CHECKINS");
  const int venues = std::atoi(argv[2]);
  const int64_t checkins = std::atoll(argv[3]);
  auto store = openStore(argv[1], 4);
  if (!store) die(store.error().message);
  Store& s = *store.value();

  std::vector<const Area*> wards;
  for (const Area& a : allAreas())
    if (a.level == AreaLevel::Ward && a.code.substr(0, 2) == "26") wards.push_back(&a);  // TP. HCM, Quận 1
  std::mt19937_64 rng(42);
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<SqlStatement> batch;
  for (int v = 0; v < venues; ++v) {
    const Area* w = wards[size_t(v) % wards.size()];
    WardPath p;
    wardPath(w->code, p);
    char id[32];
    std::snprintf(id, sizeof id, "b-%06d", v);
    batch.push_back({"INSERT INTO venues(venue_id, name, category, staff_count, default_stay_minutes, province_code, "
                     "district_code, ward_code, registered_ms) VALUES (?,?,?,?,?,?,?,?,?)",
                     {std::string(id), std::string("Cơ sở ") + id, std::string("restaurant"), int64_t(1 + rng() % 20),
                      int64_t(120), p.province, p.district, p.ward, int64_t(0)}});
    if (batch.size() == 1000 || v + 1 == venues) {
      if (auto r = s.runSql(batch); !r) die(r.error().message);
      batch.clear();
    }
  }
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const IsoWeek thisWeek = isoWeekOf(now);
  const int64_t from = thisWeek.startMs - 4 * kWeekMs;  // the 4 full weeks before this one
  const int64_t people = std::max<int64_t>(1000, checkins / 10);
  std::vector<int64_t> seqOf(size_t(venues), 0);
  std::vector<CheckIn> cis;
  cis.reserve(5000);
  for (int64_t i = 0; i < checkins; ++i) {
    const int v = int(rng() % uint64_t(venues));
    char vid[32], key[16];
    std::snprintf(vid, sizeof vid, "b-%06d", v);
    std::snprintf(key, sizeof key, "079%09lld", static_cast<long long>(rng() % uint64_t(people)));
    CheckIn c;
    c.deviceId = std::string("d-") + vid;
    c.seq = ++seqOf[size_t(v)];
    c.venueId = vid;
    c.scanPointId = "p1";
    c.person.kind = PersonKind::Cccd;
    c.person.key = key;
    c.person.displayName = "Khách";
    c.direction = (i % 3 == 2) ? Direction::Out : Direction::In;
    c.at = Instant{from + int64_t(rng() % uint64_t(4 * kWeekMs)), 420};
    cis.push_back(std::move(c));
    if (cis.size() == 5000 || i + 1 == checkins) {
      if (auto r = s.ingest(cis, now); !r) die(r.error().message);
      cis.clear();
    }
  }
  const double genSeconds = secondsSince(t0);

  const IsoWeek last = shiftWeeks(thisWeek, -1);
  auto t1 = std::chrono::steady_clock::now();
  auto prov = buildReport(s, "79", last);
  if (!prov) die(prov.error().message);
  const double provMs = secondsSince(t1) * 1000;
  t1 = std::chrono::steady_clock::now();
  auto ward = buildReport(s, std::string(wards[0]->code), last);
  if (!ward) die(ward.error().message);
  const double wardMs = secondsSince(t1) * 1000;

  Officer officer{"bench", AreaLevel::Province, "79"};
  TraceQuery q;
  q.id = "079000000007";
  q.fromMs = from;
  q.toMs = thisWeek.startMs;
  t1 = std::chrono::steady_clock::now();
  auto tr = runTrace(s, officer, q);
  if (!tr) die(tr.error().message);
  const double traceMs = secondsSince(t1) * 1000;
  std::printf(
      "{\"backend\":\"%s\",\"venues\":%d,\"checkins\":%lld,\"generateS\":%.1f,\"reportProvinceMs\":%.0f,"
      "\"reportWardMs\":%.0f,\"traceMs\":%.0f,\"traceVisits\":%zu,\"traceContacts\":%zu,\"provinceScans\":%lld}\n",
      s.backendName(), venues, static_cast<long long>(checkins), genSeconds, provMs, wardMs, traceMs,
      tr->visits.size(), tr->contacts.size(), static_cast<long long>(prov->areas[0].scans));
  return 0;
}
