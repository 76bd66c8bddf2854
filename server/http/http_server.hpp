// The HTTP(S) front: Boost.Beast over Asio, asynchronous, a few I/O threads holding many
// connections. API requests run on a worker pool (the database blocks) and static files are
// sent from the I/O threads. Everything that can throw is caught here; see docs/api.md.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "../http/api_types.hpp"
#include "result.hpp"
#include "security_headers.hpp"
#include "static_files.hpp"

namespace diemquet::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port; see HttpServer::port()
  std::optional<std::filesystem::path> staticDir;
  std::string tlsCert, tlsKey;  // both set: HTTPS
  int ioThreads = 2;
  int workerThreads = 4;
  bool accessLog = false;  // one line per request; failures are always logged
  bool jsonLog = false;    // access lines as JSON objects (serve --log-format json)
  InlineSources inlineSources;  // inline style/handlers of the server's own HTML (report print view)
};

class HttpServer {
 public:
  HttpServer(RequestHandler& api, ServerOptions opts, std::function<void(const std::string&)> log);
  ~HttpServer();
  // Binds and listens; errors (port in use, bad certificate) as a value.
  Status start();
  uint16_t port() const;
  // Runs until stop() or SIGINT/SIGTERM.
  void run();
  void stop();

  struct Impl;  // public only so the connection code in the .cpp can name it

 private:
  std::unique_ptr<Impl> m;
};

}  // namespace diemquet::server
