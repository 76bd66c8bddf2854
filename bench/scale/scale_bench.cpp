// bench_scale DB_SPEC AREAS.json [VENUES] [REGISTRATIONS] [SEARCHES]: the country at scale
// (issue 14). Imports the area map, writes VENUES venues (default 1,000,000) spread over every
// commune through the officers' import path (Store::importVenues, 20,000 per transaction, as
// one file each), then measures through the server's one request path (Api::handle, no
// sockets): REGISTRATIONS self-registrations in one burst from 4 threads (default 2,000;
// registrations/s, p50/p99), the weekly report of the largest province and of one of its
// communes (goals <= 1 s and <= 100 ms), and SEARCHES area searches as people type them over
// every commune (goal p99 <= 50 ms). Progress on stderr, one JSON line on stdout.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "api/server_api.hpp"
#include "areas/area_import.hpp"
#include "areas/registry.hpp"
#include "areas/search_fold.hpp"
#include "office/report.hpp"
#include "storage/store.hpp"
#include "common/secrets.hpp"

using namespace diemquet;
using namespace diemquet::server;
using SteadyClock = std::chrono::steady_clock;

namespace {

double msSince(SteadyClock::time_point t) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - t).count();
}
double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}
void progress(const std::string& s) {
  std::cerr << "[bench_scale] " << s << std::endl;
}
[[noreturn]] void die(const std::string& s) {
  std::cerr << "bench_scale: " << s << std::endl;
  std::exit(1);
}
int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) die("usage: bench_scale DB_SPEC AREAS.json [VENUES] [REGISTRATIONS] [SEARCHES]");
  const int64_t venues = argc > 3 ? std::atoll(argv[3]) : 1'000'000;
  const int64_t registrations = argc > 4 ? std::atoll(argv[4]) : 2'000;
  const int64_t searches = argc > 5 ? std::atoll(argv[5]) : 5'000;
  std::ifstream f(argv[2], std::ios::binary);
  std::ostringstream text;
  text << f.rdbuf();
  auto opened = openStore(argv[1], 8);
  if (!opened) die(opened.error().message);
  Store& store = *opened.value();
  nlohmann::json out = {{"backend", store.backendName()}};

  auto t0 = SteadyClock::now();
  auto imported = areas::importAreas(store, text.str(), "", nowMs());
  if (!imported) die("import-areas: " + imported.error().message);
  if (auto st = areas::reload(store); !st) die(st.error().message);
  out["areasImportMs"] = msSince(t0);
  std::vector<const Area*> communes;
  std::map<std::string, int> perProvince;
  for (const Area& a : areas::current().ordered)
    if (a.level == AreaLevel::Ward) {
      communes.push_back(&a);
      WardPath p;
      if (wardPath(a.code, p)) ++perProvince[p.province];
    }
  if (communes.empty()) die("no communes in the map");
  out["communes"] = communes.size();
  progress(std::to_string(communes.size()) + " communes imported");

  // Venues through the import path: venue i in commune i % communes, one scan point each.
  t0 = SteadyClock::now();
  const int64_t now = nowMs();
  for (int64_t from = 0; from < venues; from += 20'000) {
    std::vector<ImportedVenue> chunk;
    for (int64_t i = from; i < std::min(venues, from + 20'000); ++i) {
      ImportedVenue v;
      const Area* c = communes[size_t(i) % communes.size()];
      WardPath p;
      wardPath(c->code, p);
      v.venue.id = "s" + std::to_string(i);
      v.venue.name = "Cơ sở " + std::to_string(i);
      v.venue.address = std::to_string(i % 500) + " Lê Lợi";
      v.venue.category = "restaurant";
      v.venue.staffCount = int(i % 20);
      v.province = p.province;
      v.district = p.district;
      v.ward = p.ward;
      v.nameKey = "co so " + std::to_string(i);
      v.points.push_back({"p1", v.venue.id, "Cổng chính"});
      chunk.push_back(std::move(v));
    }
    if (auto st = store.importVenues(chunk, "bench", now, "bench", "bench"); !st)
      die("importVenues: " + st.error().message);
    if ((from / 20'000) % 10 == 9) progress(std::to_string(from + 20'000) + " venues written");
  }
  const double venueMs = msSince(t0);
  out["venues"] = venues;
  out["venueImportS"] = venueMs / 1000;
  out["venuesPerS"] = double(venues) / (venueMs / 1000);
  progress("venues written in " + std::to_string(venueMs / 1000) + " s");

  Api api(store, [] { return nowMs(); });

  // Officers of the largest province and of one of its communes, with sessions.
  const std::string province = std::max_element(perProvince.begin(), perProvince.end(), [](auto& a, auto& b) {
                                 return a.second < b.second;
                               })->first;
  std::string commune;
  for (const Area* c : communes) {
    WardPath p;
    if (wardPath(c->code, p) && p.province == province) {
      commune = std::string(c->code);
      break;
    }
  }
  const std::string provinceToken = "bench-province-token", communeToken = "bench-commune-token";
  auto st = store.runSql(
      {{"INSERT INTO officers(username, level, area_code, password_hash, created_ms) VALUES "
        "('bench.p','province',?,'x',?)",
        {province, now}},
       {"INSERT INTO officers(username, level, area_code, password_hash, created_ms) VALUES ('bench.c','ward',?,'x',?)",
        {commune, now}},
       {"INSERT INTO office_sessions(token_hash, username, created_ms, last_used_ms) VALUES (?,'bench.p',?,?)",
        {sha256Hex(provinceToken), now, now}},
       {"INSERT INTO office_sessions(token_hash, username, created_ms, last_used_ms) VALUES (?,'bench.c',?,?)",
        {sha256Hex(communeToken), now, now}}});
  if (!st) die("officers: " + st.error().message);
  auto report = [&](const std::string& token, const char* what) {
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
      ApiRequest req{"GET", "/api/v1/office/report", "Bearer " + token, "", "", "127.0.0.1", ""};
      auto t = SteadyClock::now();
      ApiResponse r = api.handle(req);
      ms.push_back(msSince(t));
      if (r.status != 200)
        die(std::string(what) + " report: " + std::to_string(r.status) + " " + r.body.substr(0, 200));
    }
    progress(std::string(what) + " report: median " + std::to_string(percentile(ms, 0.5)) + " ms");
    return nlohmann::json{{"firstMs", ms[0]}, {"medianMs", percentile(ms, 0.5)}, {"maxMs", percentile(ms, 1.0)}};
  };
  out["provinceReport"] = report(provinceToken, "province");
  out["provinceReport"]["province"] = province;
  out["provinceReport"]["venuesInProvince"] = venues * perProvince[province] / int64_t(communes.size());
  out["communeReport"] = report(communeToken, "commune");
  {
    // Where the province report's time goes: reading and counting, then the JSON answer.
    auto t = SteadyClock::now();
    auto rep = office::buildReport(store, province, office::isoWeekOf(nowMs()));
    if (!rep) die("buildReport: " + rep.error().message);
    const double buildMs = msSince(t);
    t = SteadyClock::now();
    const size_t bytes = office::reportJson(rep.value()).dump().size();
    out["provinceReport"]["buildMs"] = buildMs;
    out["provinceReport"]["jsonMs"] = msSince(t);
    out["provinceReport"]["jsonBytes"] = bytes;
    out["provinceReport"]["nonComplying"] = rep->nonComplying.size();
  }

  // Self-registrations in one burst: 4 threads, each request from its own address and phone.
  std::atomic<int64_t> next{0}, failed{0};
  std::vector<double> latency(size_t(registrations), 0);
  t0 = SteadyClock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int64_t i; (i = next++) < registrations;) {
        const Area* c = communes[size_t(i * 7919) % communes.size()];
        char phone[16];
        std::snprintf(phone, sizeof phone, "09%08lld", static_cast<long long>(i));
        nlohmann::json body = {{"name", "Quán tự đăng ký " + std::to_string(i)},
                               {"address", std::to_string(i) + " Trần Phú"},
                               {"ward", std::string(c->code)},
                               {"category", "restaurant"},
                               {"staffCount", 3},
                               {"phone", phone},
                               {"scanPoints", {"Cổng chính"}}};
        const std::string ip = "10." + std::to_string(i / 65536 % 256) + "." + std::to_string(i / 256 % 256) + "." +
                               std::to_string(i % 256);
        ApiRequest req{"POST", "/api/v1/self-registrations", "", body.dump(), "", ip, ""};
        auto s = SteadyClock::now();
        ApiResponse r = api.handle(req);
        latency[size_t(i)] = msSince(s);
        if (r.status != 201 && failed++ == 0)
          std::cerr << "registration refused: " << r.status << " " << r.body << "\n";
      }
    });
  for (auto& t : threads) t.join();
  const double burstMs = msSince(t0);
  out["registrations"] = {{"count", registrations},
                          {"failed", failed.load()},
                          {"perS", double(registrations) / (burstMs / 1000)},
                          {"p50Ms", percentile(latency, 0.5)},
                          {"p99Ms", percentile(latency, 0.99)}};
  progress("registrations: " + std::to_string(double(registrations) / (burstMs / 1000)) + "/s");

  // Area searches as typed: a commune's name without its kind, cut after 3..n letters,
  // folded (no marks) half of the time.
  std::mt19937 rng(42);
  std::vector<double> searchMs;
  for (int64_t i = 0; i < searches; ++i) {
    const Area* c = communes[rng() % communes.size()];
    std::string name(c->name);
    const size_t space = name.find(' ');
    std::string core = space == std::string::npos ? name : name.substr(space + 1);
    if (rng() % 2) core = areas::foldForSearch(core);
    const size_t cut = std::min(core.size(), size_t(3 + rng() % 8));
    std::string q = core.substr(0, cut);
    while (!q.empty() && (static_cast<unsigned char>(q.back()) & 0xC0) == 0x80) q.pop_back();  // whole letters
    if (!q.empty() && static_cast<unsigned char>(q.back()) >= 0xC0) q.pop_back();
    std::string enc;
    for (unsigned char ch : q) {
      char b[4];
      std::snprintf(b, sizeof b, "%%%02X", ch);
      enc += std::isalnum(ch) ? std::string(1, char(ch)) : std::string(b);
    }
    ApiRequest req{"GET", "/api/v1/areas", "", "", "limit=8&level=ward&q=" + enc, "127.0.0.1", ""};
    auto s = SteadyClock::now();
    ApiResponse r = api.handle(req);
    searchMs.push_back(msSince(s));
    if (r.status != 200) die("area search: " + std::to_string(r.status) + " " + r.body.substr(0, 200));
  }
  out["areaSearch"] = {
      {"count", searches}, {"p50Ms", percentile(searchMs, 0.5)}, {"p99Ms", percentile(searchMs, 0.99)}};
  std::cout << out.dump() << std::endl;
  return 0;
}
