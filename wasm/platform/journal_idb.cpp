// The durable journal: IndexedDB, through web/journal.js (globalThis.dqJournal).
// Each append is its own small transaction, so its cost does not depend on the log's size.
#include <emscripten.h>

#include <map>

#include "platform.hpp"

EM_JS(void, dq_js_journal_append, (int reqId, const char* record), {
  globalThis.dqJournal.append(UTF8ToString(record)).then(
      function() { Module._dq_journal_done(reqId, 1); },
      function(e) { console.error('journal append failed', e && e.name); Module._dq_journal_done(reqId, 0); });
});

namespace {
std::map<int, std::function<void(bool)>> g_pending;
int g_nextReq = 1;
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void dq_journal_done(int reqId, int ok) {
  auto it = g_pending.find(reqId);
  if (it == g_pending.end()) return;
  auto done = std::move(it->second);
  g_pending.erase(it);
  done(ok != 0);
  // Automation and bench/station: told right after the commit has been applied.
  EM_ASM({ if (globalThis.dqOnSaved) globalThis.dqOnSaved($0, $1); }, reqId, ok);
}

namespace diemquet::platform {

void journalAppend(const std::string& record, std::function<void(bool)> done) {
  int id = g_nextReq++;
  g_pending.emplace(id, std::move(done));
  dq_js_journal_append(id, record.c_str());
}

}  // namespace diemquet::platform
