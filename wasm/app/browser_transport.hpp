// The core's HTTP seam (sync/transport.hpp) in the browser: same-origin POSTs through fetch.
#pragma once
#include "sync/transport.hpp"

namespace diemquet::app {

// JSON POST to `path`, with the bearer token when given; status 0 after 30 s without answer.
void postJson(const std::string& path, const std::string& body, const std::string& token,
              std::function<void(const sync::HttpReply&)> done);

}  // namespace diemquet::app
