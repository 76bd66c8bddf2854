// The durable journal: IndexedDB, through web/journal.js (globalThis.dqJournal).
// Each append is its own small transaction, so its cost does not depend on the log's size.
// Deletions (the retention purge) are batched: one transaction per call.
#include <emscripten.h>

#include <map>
#include <string>

#include "journal_idb.hpp"
#include "platform.hpp"

EM_JS(void, dq_js_journal_append, (int reqId, const char* record), {
  globalThis.dqJournal.append(UTF8ToString(record)).then(
      function(key) { Module._dq_journal_done(reqId, 1, typeof key === 'number' ? key : 0); },
      function(e) { console.error('journal append failed', e && e.name); Module._dq_journal_done(reqId, 0, 0); });
});

EM_JS(void, dq_js_journal_delete, (int reqId, const char* keys), {
  var list = UTF8ToString(keys).split(',').map(Number);
  globalThis.dqJournal.deleteKeys(list).then(
      function() { Module._dq_journal_deleted(reqId, 1); },
      function(e) { console.error('journal delete failed', e && e.name); Module._dq_journal_deleted(reqId, 0); });
});

namespace {
std::map<int, std::function<void(bool)>> g_pending;
std::map<int, std::function<void(bool)>> g_deleting;
int g_nextReq = 1;
int64_t g_committingKey = 0;
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void dq_journal_done(int reqId, int ok, double key) {
  auto it = g_pending.find(reqId);
  if (it == g_pending.end()) return;
  auto done = std::move(it->second);
  g_pending.erase(it);
  g_committingKey = ok ? int64_t(key) : 0;
  done(ok != 0);
  g_committingKey = 0;
  // Automation and bench/station: told right after the commit has been applied.
  EM_ASM({ if (globalThis.dqOnSaved) globalThis.dqOnSaved($0, $1); }, reqId, ok);
}

extern "C" EMSCRIPTEN_KEEPALIVE void dq_journal_deleted(int reqId, int ok) {
  auto it = g_deleting.find(reqId);
  if (it == g_deleting.end()) return;
  auto done = std::move(it->second);
  g_deleting.erase(it);
  done(ok != 0);
}

namespace diemquet::platform {

void journalAppend(const std::string& record, std::function<void(bool)> done) {
  int id = g_nextReq++;
  g_pending.emplace(id, std::move(done));
  dq_js_journal_append(id, record.c_str());
}

int64_t journalCommittedKey() { return g_committingKey; }

void journalDelete(const std::vector<int64_t>& keys, std::function<void(bool)> done) {
  if (keys.empty()) return done(true);
  std::string list;
  for (int64_t k : keys) {
    if (!list.empty()) list += ',';
    list += std::to_string(k);
  }
  int id = g_nextReq++;
  g_deleting.emplace(id, std::move(done));
  dq_js_journal_delete(id, list.c_str());
}

}  // namespace diemquet::platform
