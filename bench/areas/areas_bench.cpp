// bench_areas DB_SPEC AREAS.json [QUERIES]: the time to import the map into an empty database
// (and to import it again: nothing to write), to load it into memory, and the latency of area
// searches as people type them (a commune's name cut after 3..n letters, with or without
// marks, some with the province), p50/p99 over QUERIES searches (default 20,000). One JSON
// line on stdout.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "areas/area_import.hpp"
#include "areas/registry.hpp"
#include "areas/search_fold.hpp"
#include "storage/store.hpp"

using namespace diemquet::server;
using Clock = std::chrono::steady_clock;

namespace {
// This thread's CPU time: on a shared, saturated machine wall-clock percentiles measure the
// scheduler (a search preempted for a time slice); both are reported.
double cpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}
double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_areas DB_SPEC AREAS.json [QUERIES]\n";
    return 2;
  }
  const int queries = argc > 3 ? std::atoi(argv[3]) : 20000;
  std::ifstream f(argv[2], std::ios::binary);
  std::ostringstream text;
  text << f.rdbuf();
  auto store = openStore(argv[1], 4);
  if (!store) {
    std::cerr << store.error().message << "\n";
    return 1;
  }
  auto t0 = Clock::now();
  auto first = areas::importAreas(*store.value(), text.str(), "", 1);
  const double importMs = msSince(t0);
  if (!first) {
    std::cerr << first.error().message << "\n";
    return 1;
  }
  t0 = Clock::now();
  auto second = areas::importAreas(*store.value(), text.str(), "", 2);
  const double reimportMs = msSince(t0);
  t0 = Clock::now();
  if (!areas::reload(*store.value())) return 1;
  const double loadMs = msSince(t0);

  const areas::Snapshot& s = areas::current();
  std::vector<const Area*> communes;
  for (const Area& a : s.ordered)
    if (a.level == AreaLevel::Ward) communes.push_back(s.find(a.code));
  std::mt19937 rng(42);
  std::vector<double> lat, cpu;
  lat.reserve(size_t(queries));
  cpu.reserve(size_t(queries));
  size_t found = 0;
  for (int i = 0; i < queries; ++i) {
    const Area* a = communes[rng() % communes.size()];
    std::string name(a->name.substr(a->name.find(' ') + 1));  // without "Phường"/"Xã"
    if (rng() % 2) name = areas::foldForSearch(name);         // typed without marks
    name = name.substr(0, std::min(name.size(), size_t(3 + rng() % 12)));
    if (rng() % 4 == 0) name += " " + areas::foldForSearch(std::string(a->label.substr(a->label.rfind(", ") + 2)));
    auto q0 = Clock::now();
    const double c0 = cpuMs();
    auto hits = s.search(name, 20, "", std::nullopt);
    cpu.push_back(cpuMs() - c0);
    lat.push_back(msSince(q0));
    found += std::any_of(hits.begin(), hits.end(), [&](const auto& h) { return h.area == a; });
  }
  std::sort(lat.begin(), lat.end());
  std::sort(cpu.begin(), cpu.end());
  auto pctOf = [](const std::vector<double>& v, double p) { return v[std::min(v.size() - 1, size_t(p * double(v.size())))]; };
  auto pct = [&](double p) { return pctOf(lat, p); };
  nlohmann::json out{{"backend", store.value()->backendName()},
                     {"areas", first->added},
                     {"importMs", importMs},
                     {"reimportMs", reimportMs},
                     {"reimportWrites", second ? second->added + second->changed : -1},
                     {"loadMs", loadMs},
                     {"communes", communes.size()},
                     {"searches", queries},
                     {"searchP50Ms", pct(0.50)},
                     {"searchP99Ms", pct(0.99)},
                     {"searchMaxMs", lat.back()},
                     {"searchCpuP50Ms", pctOf(cpu, 0.50)},
                     {"searchCpuP99Ms", pctOf(cpu, 0.99)},
                     {"wantedInTop20", double(found) / queries}};
  std::cout << out.dump() << "\n";
  return 0;
}
