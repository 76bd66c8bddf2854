// Checkpoints the WAL from a thread of its own, so that copying pages back into the database
// file (and its fsync) no longer runs inside an upload's commit. The writer connection turns
// SQLite's automatic checkpoint off and reports each commit's WAL size through walGrew().
// If the WAL still grows past kWriterCheckpointPages (a checkpointer that cannot keep up, or
// readers pinning old frames), walGrew() asks the writer to checkpoint itself, as SQLite would.
#pragma once
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace diemquet::server {

class WalCheckpointer {
 public:
  static constexpr int kStartPages = 4000;             // ≈ 16 MB of WAL: wake the thread
  static constexpr int kWriterCheckpointPages = 64000;  // ≈ 256 MB: the writer helps

  explicit WalCheckpointer(std::string path);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Called by the writer after each commit with the WAL's size in pages; true when the writer
  // should run a checkpoint itself.
  bool walGrew(int pages);

 private:
  void run();
  std::string m_path;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_wanted = false;
  bool m_stop = false;
  std::thread m_thread;
};

}  // namespace diemquet::server
