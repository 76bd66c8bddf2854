// Checkpoints the WAL from a thread of its own, so that copying pages back into the database
// file (and its fsync) no longer runs inside an upload's commit. The writer connection turns
// SQLite's automatic checkpoint off and reports each commit's WAL size through walGrew().
// Under steady load the thread never catches the writer (new frames arrive while it copies),
// and a WAL only starts over after a checkpoint that copied every frame. So once the thread
// has copied all but kCatchUpPages, walGrew() asks the writer to finish the job between two
// commits (a short copy), and the WAL restarts; likewise past kWriterCheckpointPages (readers
// pinning old frames, a thread that cannot keep up), as SQLite itself would.
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
  static constexpr int kCatchUpPages = 1000;            // ≈ 4 MB left: the writer finishes
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
  int m_copied = 0;  // WAL frames the last background pass copied (0: none since the restart)
  bool m_stop = false;
  std::thread m_thread;
};

}  // namespace diemquet::server
