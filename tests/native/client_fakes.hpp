// A fake server for the core's clients (wasm/core/client/): every request is kept with its
// callback, so a test answers it when and how it likes (late, twice never, out of order), and
// a fake clock the test moves.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <string>

#include "sync/transport.hpp"

namespace diemquet::testing {

struct FakeNet {
  struct Pending {
    sync::HttpRequest request;
    std::function<void(const sync::HttpReply&)> done;
  };
  std::deque<Pending> pending;
  int sent = 0;
  int64_t nowMs = 1'764'547'200'000;  // 2025-12-01T00:00:00Z

  sync::Http http() {
    return [this](const sync::HttpRequest& r, std::function<void(const sync::HttpReply&)> done) {
      ++sent;
      pending.push_back({r, std::move(done)});
    };
  }
  std::function<int64_t()> clock() {
    return [this] { return nowMs; };
  }
  // Answers the oldest request still open; returns what it asked.
  sync::HttpRequest answer(int status, const std::string& body = "", const std::string& etag = "") {
    Pending p = std::move(pending.front());
    pending.pop_front();
    p.done(sync::HttpReply{status, body, etag});
    return p.request;
  }
};

}  // namespace diemquet::testing
