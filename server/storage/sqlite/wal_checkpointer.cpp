#include "wal_checkpointer.hpp"

#include <sqlite3.h>

namespace diemquet::server {

WalCheckpointer::WalCheckpointer(std::string path) : m_path(std::move(path)), m_thread([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_cv.notify_all();
  m_thread.join();
}

bool WalCheckpointer::walGrew(int pages) {
  if (pages < kStartPages) return false;
  std::lock_guard lock(m_mutex);
  const bool writerFinishes = pages >= kWriterCheckpointPages || (m_copied > 0 && pages - m_copied <= kCatchUpPages);
  if (writerFinishes) {
    m_copied = 0;  // the WAL starts over with the next transaction
    return true;
  }
  m_wanted = true;
  m_cv.notify_one();
  return false;
}

void WalCheckpointer::run() {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(m_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    db = nullptr;  // the writer's walGrew() threshold still bounds the WAL
  }
  if (db) {
    sqlite3_busy_timeout(db, 1000);
    // A connection learns the file is in WAL mode when it first reads it; until then a
    // checkpoint call reports "not in WAL mode" and copies nothing.
    sqlite3_exec(db, "SELECT COUNT(*) FROM sqlite_master", nullptr, nullptr, nullptr);
  }
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_cv.wait(lock, [this] { return m_wanted || m_stop; });
    if (m_stop) break;
    m_wanted = false;
    lock.unlock();
    // PASSIVE: copies what no reader still needs, never blocks the writer.
    int log = 0, copied = 0;
    if (db && sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied) != SQLITE_OK) copied = 0;
    lock.lock();
    m_copied = copied;
  }
  lock.unlock();
  sqlite3_close(db);
}

}  // namespace diemquet::server
