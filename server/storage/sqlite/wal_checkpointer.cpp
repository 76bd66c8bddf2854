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
  if (pages >= kStartPages) {
    {
      std::lock_guard lock(m_mutex);
      m_wanted = true;
    }
    m_cv.notify_one();
  }
  return pages >= kWriterCheckpointPages;
}

void WalCheckpointer::run() {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(m_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    db = nullptr;  // the writer's walGrew() threshold still bounds the WAL
  }
  if (db) sqlite3_busy_timeout(db, 1000);
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_cv.wait(lock, [this] { return m_wanted || m_stop; });
    if (m_stop) break;
    m_wanted = false;
    lock.unlock();
    // PASSIVE: copies what no reader still needs, never blocks the writer.
    if (db) sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
  }
  lock.unlock();
  sqlite3_close(db);
}

}  // namespace diemquet::server
