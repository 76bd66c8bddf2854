#include "metrics.hpp"

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <sstream>

namespace diemquet::server::metrics {

namespace {

constexpr std::array<double, 12> kLatencyBounds{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};
constexpr std::array<double, 9> kGroupBounds{1, 2, 4, 8, 16, 32, 64, 128, 256};
constexpr const char* kRoutes[] = {"upload", "enroll", "office", "ops", "static", "other"};
constexpr int kRouteCount = 6;

template <size_t N>
struct Histogram {
  std::array<std::atomic<uint64_t>, N + 1> buckets{};  // the last one is +Inf
  std::atomic<uint64_t> count{0};
  std::atomic<double> sum{0};
  void observe(const std::array<double, N>& bounds, double v) {
    size_t i = 0;
    while (i < N && v > bounds[i]) ++i;
    buckets[i].fetch_add(1, std::memory_order_relaxed);
    count.fetch_add(1, std::memory_order_relaxed);
    double s = sum.load(std::memory_order_relaxed);
    while (!sum.compare_exchange_weak(s, s + v, std::memory_order_relaxed)) {
    }
  }
  void render(std::ostream& o, const char* name, const std::string& labels, const std::array<double, N>& bounds) const {
    const std::string sep = labels.empty() ? "" : ",";
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= N; ++i) {
      cumulative += buckets[i].load(std::memory_order_relaxed);
      o << name << "_bucket{" << labels << sep << "le=\"";
      if (i < N)
        o << bounds[i];
      else
        o << "+Inf";
      o << "\"} " << cumulative << "\n";
    }
    const std::string braces = labels.empty() ? "" : "{" + labels + "}";
    o << name << "_sum" << braces << " " << sum.load(std::memory_order_relaxed) << "\n";
    o << name << "_count" << braces << " " << count.load(std::memory_order_relaxed) << "\n";
  }
};

struct Registry {
  Histogram<kLatencyBounds.size()> latency[kRouteCount];
  std::atomic<uint64_t> responses[kRouteCount][5]{};  // by status class 1xx..5xx
  std::atomic<uint64_t> uploadsOk{0}, stored{0}, duplicates{0}, voided{0}, conflicts{0};
  std::mutex refusedMutex;
  std::map<std::string, uint64_t> refused;  // API error code -> count
  Histogram<kGroupBounds.size()> groups;
  std::atomic<int64_t> poolSize{0}, poolInUse{0};
  std::atomic<uint64_t> reconnects{0}, dbErrors{0}, partitionsDropped{0};
};

Registry& reg() {
  static Registry r;
  return r;
}

int routeOf(const std::string& path) {
  auto starts = [&](const char* p) { return path.rfind(p, 0) == 0; };
  if (path == "/api/v1/checkins") return 0;
  if (path == "/api/v1/enroll") return 1;
  if (starts("/api/v1/office") || starts("/api/v1/reports") || starts("/api/v1/venues") || starts("/api/v1/feed"))
    return 2;
  if (path == "/metrics" || starts("/health/") || path == "/api/v1/health") return 3;
  if (!starts("/api/")) return 4;
  return 5;
}

// An error code is put in a label: only [a-z0-9_] and bounded, whatever a handler returned.
std::string labelSafe(const std::string& code) {
  std::string out;
  for (char c : code.substr(0, 40)) out += (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_';
  return out.empty() ? "unknown" : out;
}

}  // namespace

void observeRequest(const std::string& path, int status, double seconds) {
  const int r = routeOf(path);
  reg().latency[r].observe(kLatencyBounds, seconds);
  const int cls = status >= 100 && status < 600 ? status / 100 - 1 : 4;
  reg().responses[r][cls].fetch_add(1, std::memory_order_relaxed);
}

void uploadAnswered(int64_t stored, int64_t duplicates, int64_t voided, int64_t conflicts) {
  Registry& g = reg();
  g.uploadsOk.fetch_add(1, std::memory_order_relaxed);
  g.stored.fetch_add(uint64_t(stored), std::memory_order_relaxed);
  g.duplicates.fetch_add(uint64_t(duplicates), std::memory_order_relaxed);
  g.voided.fetch_add(uint64_t(voided), std::memory_order_relaxed);
  g.conflicts.fetch_add(uint64_t(conflicts), std::memory_order_relaxed);
}

void uploadRefused(const std::string& code) {
  std::lock_guard lock(reg().refusedMutex);
  ++reg().refused[labelSafe(code)];
}

void groupCommitted(size_t uploads) {
  reg().groups.observe(kGroupBounds, double(uploads));
}
void poolSize(int connections) {
  reg().poolSize.store(connections);
}
void poolLeased(int delta) {
  reg().poolInUse.fetch_add(delta, std::memory_order_relaxed);
}
void dbReconnected() {
  reg().reconnects.fetch_add(1, std::memory_order_relaxed);
}
void dbError() {
  reg().dbErrors.fetch_add(1, std::memory_order_relaxed);
}
void partitionsDropped(int64_t n) {
  reg().partitionsDropped.fetch_add(uint64_t(n), std::memory_order_relaxed);
}

std::string render(const std::string& backend) {
  Registry& g = reg();
  std::ostringstream o;
  auto counter = [&](const char* name, const char* help, uint64_t v) {
    o << "# HELP " << name << " " << help << "\n# TYPE " << name << " counter\n" << name << " " << v << "\n";
  };
  auto gauge = [&](const char* name, const char* help, int64_t v) {
    o << "# HELP " << name << " " << help << "\n# TYPE " << name << " gauge\n" << name << " " << v << "\n";
  };
  o << "# HELP dq_info The storage backend of this process.\n# TYPE dq_info gauge\ndq_info{storage=\"" << backend
    << "\"} 1\n";
  counter("dq_uploads_total", "Uploads answered 200 (each may hold up to 1000 check-ins).", g.uploadsOk.load());
  counter("dq_checkins_stored_total", "Check-ins newly stored.", g.stored.load());
  counter("dq_checkins_duplicate_total", "Check-ins already stored (a station's resend), acknowledged again.",
          g.duplicates.load());
  counter("dq_checkins_voided_total", "Stored check-ins marked voided by a later upload.", g.voided.load());
  counter("dq_checkins_conflict_total", "Check-ins refused: a different record holds the device and seq.",
          g.conflicts.load());
  o << "# HELP dq_upload_rejects_total Uploads refused or failed, by the API's error code.\n"
       "# TYPE dq_upload_rejects_total counter\n";
  {
    std::lock_guard lock(g.refusedMutex);
    for (const auto& [code, n] : g.refused) o << "dq_upload_rejects_total{reason=\"" << code << "\"} " << n << "\n";
  }
  o << "# HELP dq_http_request_duration_seconds Time from a request read to its answer queued, by route class.\n"
       "# TYPE dq_http_request_duration_seconds histogram\n";
  for (int r = 0; r < kRouteCount; ++r)
    if (g.latency[r].count.load() > 0)
      g.latency[r].render(o, "dq_http_request_duration_seconds", std::string("route=\"") + kRoutes[r] + "\"",
                          kLatencyBounds);
  o << "# HELP dq_http_responses_total Responses by route class and status class.\n"
       "# TYPE dq_http_responses_total counter\n";
  for (int r = 0; r < kRouteCount; ++r)
    for (int c = 0; c < 5; ++c)
      if (uint64_t n = g.responses[r][c].load())
        o << "dq_http_responses_total{route=\"" << kRoutes[r] << "\",code=\"" << c + 1 << "xx\"} " << n << "\n";
  o << "# HELP dq_group_commit_uploads Uploads committed together in one database transaction.\n"
       "# TYPE dq_group_commit_uploads histogram\n";
  g.groups.render(o, "dq_group_commit_uploads", "", kGroupBounds);
  gauge("dq_db_pool_connections", "PostgreSQL connections in this process's pool (0 on SQLite).", g.poolSize.load());
  gauge("dq_db_pool_in_use", "PostgreSQL connections leased right now.", g.poolInUse.load());
  counter("dq_db_reconnects_total", "PostgreSQL connections re-established after a loss.", g.reconnects.load());
  counter("dq_db_errors_total", "Requests answered 503 because the database failed or was unreachable.",
          g.dbErrors.load());
  counter("dq_partitions_dropped_total", "Monthly check-in partitions dropped whole by the retention purge.",
          g.partitionsDropped.load());
  return o.str();
}

}  // namespace diemquet::server::metrics
