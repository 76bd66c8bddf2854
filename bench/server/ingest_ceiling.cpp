// The ceiling for the ingest figures: N check-ins written through Store::ingest in ONE
// transaction, no HTTP, no JSON. Usage: bench_server_ceiling DBSPEC N  -> prints rows/s.
#include <chrono>
#include <cstdio>
#include <string>

#include "storage/store.hpp"

using namespace diemquet;
using namespace diemquet::server;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_server_ceiling sqlite:PATH|postgres:CONNSTR N\n");
    return 2;
  }
  auto store = openStore(argv[1], 1);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return 1;
  }
  const int n = std::stoi(argv[2]);
  store.value()->createVenue(Venue{"bench", "Bench", "", "", 0, 120});
  std::vector<CheckIn> rows;
  for (int i = 1; i <= n; ++i) {
    CheckIn c;
    c.deviceId = "st-ceiling";
    c.seq = i;
    c.venueId = "bench";
    c.scanPointId = "gate";
    c.person.kind = PersonKind::Cccd;
    c.person.key = "0010990" + std::to_string(10000 + i);
    c.person.displayName = "Nguyễn Văn An";
    c.person.phone = "0901234567";
    c.person.birthYear = 1990;
    c.at = Instant{1709280000000 + i, 420};
    rows.push_back(c);
  }
  auto t0 = std::chrono::steady_clock::now();
  auto r = store.value()->ingest(rows, 1709280000000);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!r) {
    std::fprintf(stderr, "%s\n", r.error().message.c_str());
    return 1;
  }
  std::printf("%.0f\n", n / secs);
  return 0;
}
