// diemquet-server: the sync server (serve) and its admin CLI (admin ...), wired together
// here and nowhere else. Usage: diemquet-server help.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "areas/registry.hpp"
#include "check_in_json.hpp"
#include "cli/command_line.hpp"
#include "http/http_server.hpp"
#include "office/office_api.hpp"
#include "office/report.hpp"
#include "ops/backup.hpp"
#include "ops/ops_api.hpp"
#include "posters/posters.hpp"
#include "storage/store.hpp"
#include "api/server_api.hpp"
#include "common/secrets.hpp"

using namespace diemquet;
using namespace diemquet::server;

namespace {

const char* kUsage = R"(diemquet-server — DiemQuet sync server

  diemquet-server serve --db sqlite:PATH|postgres:CONNSTR [--listen HOST:PORT] [--static DIR]
                        [--tls-cert FILE --tls-key FILE] [--io-threads N] [--workers N] [--access-log]
  diemquet-server migrate --db SPEC
  diemquet-server admin create-venue   --db SPEC --id V --name NAME --area WARD [--address A] [--category C]
                                       (WARD: the ward/commune code the venue lies in, e.g. 26743)
  diemquet-server admin set-venue-area --db SPEC --venue V --area WARD
  diemquet-server admin add-scan-point --db SPEC --venue V --id P --name NAME
  diemquet-server admin rename-scan-point --db SPEC --venue V --id OLD --new-id NEW
  diemquet-server admin list-venues    --db SPEC              (ward and scan points of every venue)
                                       ids (venue, scan point): 1-16 characters, each a-z, A-Z, 0-9 or '-'
  diemquet-server admin issue-code     --db SPEC --venue V [--count N] [--ttl-hours H]
  diemquet-server admin revoke-device  --db SPEC --venue V --device D
  diemquet-server admin export         --db SPEC --venue V     (one check-in JSON per line)
  diemquet-server admin conflicts      --db SPEC --venue V
  diemquet-server admin create-officer --db SPEC --username U --level ward|district|province --area CODE
                                       (password from stdin, else generated and printed once)
  diemquet-server admin import-areas   --db SPEC --file AREAS.json [--map OLD_NEW.csv]
                                       (the administrative map; AREAS.json from tools/areas/normalize.mjs)
  diemquet-server admin area-stats     --db SPEC              (current areas per level and kind)
  diemquet-server admin create-feed-token --db SPEC --name NAME (printed once)
  diemquet-server admin purge          --db SPEC [--retention-days N]  (default 28)
serve also takes --retention-days N (personal data kept N days; purged hourly).
  diemquet-server admin backup         --db sqlite:PATH --out FILE  (online copy; PostgreSQL: scripts/backup.sh)
  diemquet-server admin rotate-key     --db SPEC              (new poster signing key, now the active one)
  diemquet-server admin revoke-key     --db SPEC --id KEY     (its posters are refused from now on)
  diemquet-server admin list-keys      --db SPEC              (the public key ring, one dqk1 line per key)
  diemquet-server admin poster         --db SPEC --venue V --out FILE.pdf [--public-url URL]
                                       [--from YYYYMMDD] [--until YYYYMMDD]
serve also takes --public-url URL (base of poster URLs; default http://LISTEN) and --font-dir DIR.
serve also takes --log-format text|json (json: one object per line for a log shipper).
Operators: GET /metrics (Prometheus), /health/live, /health/ready (503 unless the database takes a write).

--db defaults to $DQ_DB, else sqlite:diemquet.db. Exit status: 0 ok, 1 failure, 2 usage.
)";

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::mutex g_logMutex;
bool g_jsonLog = false;  // serve --log-format json: one JSON object per line (server/ops/)
void logLine(const std::string& line) {
  std::lock_guard lock(g_logMutex);
  if (g_jsonLog) std::cerr << ops::jsonLogLine(line, nowMs()) << std::endl;
  else std::cerr << "[diemquet-server] " << line << std::endl;
}

using cli::Args;

int usage(const std::string& why) {
  std::cerr << "error: " << why << "\n\n" << kUsage;
  return 2;
}

int fail(const Error& e) {
  logLine("error: " + e.message);
  return 1;
}

std::string dbSpec(const Args& a) {
  if (a.has("db")) return a.get("db");
  if (const char* env = std::getenv("DQ_DB")) return env;
  return "sqlite:diemquet.db";
}

int serve(const Args& a, Store& store) {
  ServerOptions o;
  std::string listen = a.get("listen", "127.0.0.1:8080");
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return usage("--listen must be HOST:PORT");
  o.host = listen.substr(0, colon);
  if (o.host.size() > 1 && o.host.front() == '[') o.host = o.host.substr(1, o.host.size() - 2);
  try {
    int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) return usage("--listen port out of range");
    o.port = uint16_t(port);
    o.ioThreads = std::stoi(a.get("io-threads", "2"));
    o.workerThreads = std::stoi(a.get("workers", "16"));
  } catch (...) {
    return usage("bad number in --listen, --io-threads or --workers");
  }
  if (a.has("static")) o.staticDir = a.get("static");
  o.inlineSources = {{office::kReportHtmlStyle}, {office::kReportHtmlPrintHandler}};
  o.tlsCert = a.get("tls-cert");
  o.tlsKey = a.get("tls-key");
  if (o.tlsCert.empty() != o.tlsKey.empty()) return usage("--tls-cert and --tls-key go together");
  o.accessLog = a.has("access-log");
  if (a.has("log-format") && a.get("log-format") != "json" && a.get("log-format") != "text")
    return usage("--log-format must be text or json");
  o.jsonLog = g_jsonLog = a.get("log-format") == "json";
  if (o.staticDir && !std::filesystem::is_directory(*o.staticDir))
    logLine("warning: --static " + o.staticDir->string() + " is not a directory (yet); static requests get 404");

  if (a.has("retention-days")) office::setRetentionDays(std::atoi(a.get("retention-days").c_str()));
  auto retention = office::startRetentionTask(store, nowMs, logLine);  // server/office/
  Api api(store, nowMs, logLine);
  HttpServer server(api, o, logLine);
  if (auto st = server.start(); !st) return fail(st.error());
  {  // Posters: the public base URL and a signing key from the first start on (server/posters/).
    posters::Config pc;
    pc.publicUrl = a.get("public-url", "http://" + o.host + ":" + std::to_string(server.port()));
    pc.fontDir = a.get("font-dir", pc.fontDir);
    posters::configure(pc);
    if (auto k = posters::activeSigningKey(store, nowMs()); !k) return fail(k.error());
  }
  if (auto warnings = office::venueWarnings(store))  // what an operator must fix, said at every start
    for (const std::string& w : warnings.value()) logLine("warning: " + w);
  const bool tls = !o.tlsCert.empty();
  // Tests read the bound port from this line (with --listen HOST:0).
  std::printf("listening on %s://%s:%u (storage: %s)\n", tls ? "https" : "http", o.host.c_str(), server.port(),
              store.backendName());
  std::fflush(stdout);
  server.run();
  logLine("stopped");
  return 0;
}

int admin(const Args& a, Store& store) {
  if (a.positional.size() < 2) return usage("admin needs a subcommand");
  const std::string& cmd = a.positional[1];
  auto opt = [&](const std::string& k) { return a.get(k); };
  if (int rc = office::adminCommand(cmd, opt, store, nowMs()); rc >= 0) return rc;
  if (int rc = office::venueAdminCommand(cmd, opt, store, nowMs()); rc >= 0) return rc;
  auto need = [&](std::initializer_list<const char*> keys) -> bool {
    for (const char* k : keys)
      if (!a.has(k) || a.get(k).empty()) return false;
    return true;
  };
  if (cmd == "backup") return ops::backupCommand(dbSpec(a), a.get("out"));  // server/ops/
  if (cmd == "issue-code") {
    if (!need({"venue"})) return usage("issue-code needs --venue");
    int count = 1, ttlHours = 72;
    try {
      count = std::stoi(a.get("count", "1"));
      ttlHours = std::stoi(a.get("ttl-hours", "72"));
    } catch (...) {
      return usage("bad --count or --ttl-hours");
    }
    auto v = store.findVenue(a.get("venue"));
    if (!v) return fail(v.error());
    if (!v.value()) return fail(makeError(ErrorKind::NotFound, "no such venue"));
    const int64_t now = nowMs();
    // Codes go to stdout only, one per line, for the operator to hand to staff.
    for (int i = 0; i < count; ++i) {
      std::string code = newEnrollmentCode();
      auto st = store.addEnrollmentCode(a.get("venue"), sha256Hex(normalizeEnrollmentCode(code)), now,
                                        now + int64_t(ttlHours) * 3600 * 1000);
      if (!st) return fail(st.error());
      std::cout << code << "\n";
    }
    return 0;
  }
  if (cmd == "revoke-device") {
    if (!need({"venue", "device"})) return usage("revoke-device needs --venue and --device");
    if (auto st = store.revokeDevice(a.get("venue"), a.get("device"), nowMs()); !st) return fail(st.error());
    std::cout << "revoked " << a.get("device") << "\n";
    return 0;
  }
  if (cmd == "export") {
    if (!need({"venue"})) return usage("export needs --venue");
    auto all = store.checkInsOfVenue(a.get("venue"));
    if (!all) return fail(all.error());
    for (const CheckIn& c : all.value()) std::cout << toJson(c).dump() << "\n";
    return 0;
  }
  if (cmd == "conflicts") {
    if (!need({"venue"})) return usage("conflicts needs --venue");
    auto all = store.conflictsOfVenue(a.get("venue"));
    if (!all) return fail(all.error());
    for (const ConflictRecord& c : all.value())
      std::cout << nlohmann::json{{"device", c.deviceId}, {"seq", c.seq}, {"receivedMs", c.receivedMs},
                                  {"incoming", nlohmann::json::parse(c.incomingJson, nullptr, false)}}
                       .dump()
                << "\n";
    return 0;
  }
  if (cmd == "rotate-key") {
    auto k = posters::rotateSigningKey(store, nowMs());
    if (!k) return fail(k.error());
    std::cout << "new signing key " << k->id << "\n";
    return 0;
  }
  if (cmd == "revoke-key") {
    if (!need({"id"})) return usage("revoke-key needs --id");
    if (auto st = store.revokeSigningKey(a.get("id"), nowMs()); !st) return fail(st.error());
    std::cout << "revoked signing key " << a.get("id") << "\n";
    return 0;
  }
  if (cmd == "list-keys") {
    auto ring = posters::keyRing(store);
    if (!ring) return fail(ring.error());
    for (const auto& k : ring->keys()) std::cout << poster::formatPublicKey(k) << "\n";
    return 0;
  }
  if (cmd == "poster") {
    if (!need({"venue", "out"})) return usage("poster needs --venue and --out");
    int from = 0, until = 0;
    try {
      from = std::stoi(a.get("from", "0"));
      until = std::stoi(a.get("until", "0"));
    } catch (...) {
      return usage("bad --from or --until (YYYYMMDD)");
    }
    posters::Config pc;
    pc.publicUrl = a.get("public-url", "http://127.0.0.1:8080");
    pc.fontDir = a.get("font-dir", pc.fontDir);
    posters::configure(pc);
    auto pdf = posters::issuePosters(store, a.get("venue"), from, until, "admin", nowMs());
    if (!pdf) return fail(pdf.error());
    std::ofstream out(a.get("out"), std::ios::binary);
    out << *pdf;
    if (!out.good()) return fail(makeError(ErrorKind::Storage, "cannot write " + a.get("out")));
    auto rows = store.postersOfVenue(a.get("venue"));
    if (rows)
      for (const PosterRow& r : rows.value()) std::cout << "url " << r.scanPointId << " " << r.url << "\n";
    std::cout << "wrote " << a.get("out") << " (" << pdf->size() << " bytes)\n";
    return 0;
  }
  return usage("unknown admin subcommand '" + cmd + "'");
}

}  // namespace

int main(int argc, char** argv) {
  cli::ParseResult parsed = cli::parse(argc, argv);  // server/cli/: one table of commands and options
  if (parsed.helpAsked || argc < 2) {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  if (!parsed.error.empty()) return usage(parsed.error);
  const Args& a = parsed.args;
  const std::string& cmd = a.positional[0];
  try {
    // One PostgreSQL connection per API worker (16 by default: while some wait for a group
    // commit, the others parse the next uploads).
    int workers = 16;
    try {
      workers = std::max(1, std::stoi(a.get("workers", "16")));
    } catch (...) {
      return usage("bad number in --workers");
    }
    auto store = openStore(dbSpec(a), workers);
    if (!store) return fail(store.error());
    if (cmd == "migrate") {
      auto v = store.value()->schemaVersion();
      if (!v) return fail(v.error());
      std::cout << "schema version " << v.value() << "\n";
      return 0;
    }
    // The administrative areas live in the database (admin import-areas); every command
    // answers from their in-memory copy.
    if (auto r = areas::reload(*store.value()); !r) return fail(r.error());
    return cmd == "serve" ? serve(a, *store.value()) : admin(a, *store.value());
  } catch (const std::exception& e) {
    logLine(std::string("fatal: ") + e.what());
    return 1;
  }
}
