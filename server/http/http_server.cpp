#include "http_server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/version.hpp>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include <vector>

#include "../ops/metrics.hpp"
#include "security_headers.hpp"

namespace diemquet::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {
constexpr auto kIdleTimeout = std::chrono::seconds(30);
const char* kServerHeader = "diemquet-server";
}  // namespace

struct HttpServer::Impl {
  RequestHandler& api;
  ServerOptions opts;
  std::function<void(const std::string&)> log;
  std::optional<StaticFiles> files;
  SecurityPolicy policy;
  asio::io_context ioc;
  asio::thread_pool workers;
  std::optional<ssl::context> tls;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc, SIGINT, SIGTERM};

  Impl(RequestHandler& a, ServerOptions o, std::function<void(const std::string&)> l)
      : api(a),
        opts(std::move(o)),
        log(std::move(l)),
        ioc(std::max(1, opts.ioThreads)),
        workers(size_t(std::max(1, opts.workerThreads))),
        policy(opts.inlineSources) {
    if (opts.staticDir) files.emplace(*opts.staticDir);
  }

  void accept();
};

namespace {

using StringResponse = http::response<http::string_body>;

template <class Res>
void setSecurityHeaders(Res& res, const SecurityPolicy& policy, AnswerKind kind, bool tls) {
  for (const auto& [name, value] : policy.headers(kind, tls)) res.set(name, value);
}

StringResponse jsonResponse(const ApiResponse& r, unsigned version, bool keepAlive, const SecurityPolicy& policy,
                            bool tls) {
  StringResponse res{static_cast<http::status>(r.status), version};
  setSecurityHeaders(res, policy, apiAnswerKind(r.contentType), tls);
  res.set(http::field::server, kServerHeader);
  res.set(http::field::content_type, r.contentType.empty() ? "application/json; charset=utf-8" : r.contentType);
  res.set(http::field::cache_control, r.cacheControl.empty() ? "no-store" : r.cacheControl);
  if (!r.contentDisposition.empty()) res.set(http::field::content_disposition, r.contentDisposition);
  if (!r.location.empty()) res.set(http::field::location, r.location);
  if (!r.etag.empty()) res.set(http::field::etag, r.etag);
  if (r.retryAfterSeconds > 0) res.set(http::field::retry_after, std::to_string(r.retryAfterSeconds));
  if (!r.allow.empty()) res.set(http::field::allow, r.allow);
  res.keep_alive(keepAlive);
  res.body() = r.body;
  res.prepare_payload();
  return res;
}

// One connection; Stream is a plain TCP stream or a TLS stream over one.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(HttpServer::Impl& srv, Stream&& stream) : m_srv(srv), m_stream(std::move(stream)) {}

  void start() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      read();
    } else {
      beast::get_lowest_layer(m_stream).expires_after(kIdleTimeout);
      m_stream.async_handshake(ssl::stream_base::server,
                               [self = this->shared_from_this()](beast::error_code ec) {
                                 if (!ec) self->read();
                               });
    }
  }

 private:
  void read() {
    m_parser.emplace();
    m_parser->body_limit(kMaxBodyBytes);
    m_parser->header_limit(16 * 1024);
    beast::get_lowest_layer(m_stream).expires_after(kIdleTimeout);
    http::async_read(m_stream, m_buffer, *m_parser,
                     [self = this->shared_from_this()](beast::error_code ec, size_t) { self->onRead(ec); });
  }

  void onRead(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset)
      return close();
    if (ec == http::error::body_limit) {
      return sendApi(errorResponse(413, "body_too_large",
                                   "The request body exceeds " + std::to_string(kMaxBodyBytes) + " bytes."),
                     11, false, "?", "?", std::chrono::steady_clock::now());
    }
    if (ec) {
      return sendApi(errorResponse(400, "bad_http", "The request is not valid HTTP/1.1."), 11, false, "?", "?",
                     std::chrono::steady_clock::now());
    }
    auto req = m_parser->release();
    const auto started = std::chrono::steady_clock::now();
    std::string target(req.target());
    std::string path = target.substr(0, target.find('?'));
    std::string method(req.method_string());
    const unsigned version = req.version();
    const bool keepAlive = req.keep_alive();

    if (m_srv.api.isApiPath(path) || !m_srv.files) {
      ApiRequest ar{method, path, std::string(req[http::field::authorization]), std::move(req.body())};
      if (auto q = target.find('?'); q != std::string::npos) ar.query = target.substr(q + 1);
      ar.ifNoneMatch = std::string(req[http::field::if_none_match]);
      beast::error_code peerEc;
      auto peer = beast::get_lowest_layer(m_stream).socket().remote_endpoint(peerEc);
      if (!peerEc) ar.remoteAddr = peer.address().to_string();
      // The database may block: run the handler on a worker, answer from this connection's executor.
      beast::get_lowest_layer(m_stream).expires_never();
      asio::post(m_srv.workers, [self = this->shared_from_this(), ar = std::move(ar), version, keepAlive, method,
                                 path, started]() mutable {
        ApiResponse r = self->m_srv.api.handle(ar);
        asio::post(self->m_stream.get_executor(), [self, r = std::move(r), version, keepAlive, method, path,
                                                   started]() mutable {
          self->sendApi(r, version, keepAlive, method, path, started);
        });
      });
      return;
    }
    sendStatic(req, path, method, started);
  }

  void sendApi(const ApiResponse& r, unsigned version, bool keepAlive, const std::string& method,
               const std::string& path, std::chrono::steady_clock::time_point started) {
    logLine(method, path, r.status, started);
    auto res = std::make_shared<StringResponse>(jsonResponse(r, version, keepAlive, m_srv.policy, tls()));
    write(res, res->need_eof());
  }

  void sendStatic(http::request<http::string_body>& req, const std::string& path, const std::string& method,
                  std::chrono::steady_clock::time_point started) {
    const bool keepAlive = req.keep_alive();
    if (req.method() != http::verb::get && req.method() != http::verb::head) {
      logLine(method, path, 405, started);
      auto res = std::make_shared<StringResponse>(
          jsonResponse(errorResponse(405, "method_not_allowed", "Static files are read-only."), req.version(),
                       keepAlive, m_srv.policy, tls()));
      return write(res, res->need_eof());
    }
    auto target = m_srv.files->resolve(path);
    std::optional<StaticVariant> chosen;
    if (target) chosen = m_srv.files->variant(*target, req[http::field::accept_encoding]);
    beast::error_code ec;
    http::file_body::value_type body;
    if (chosen) body.open(chosen->file.c_str(), beast::file_mode::scan, ec);
    if (!chosen || ec) {
      logLine(method, path, 404, started);
      StringResponse res{http::status::not_found, req.version()};
      res.set(http::field::server, kServerHeader);
      res.set(http::field::content_type, "text/plain; charset=utf-8");
      setSecurityHeaders(res, m_srv.policy, AnswerKind::App, tls());
      res.keep_alive(keepAlive);
      res.body() = "Not found\n";
      res.prepare_payload();
      auto p = std::make_shared<StringResponse>(std::move(res));
      return write(p, p->need_eof());
    }
    const bool notModified = etagMatches(req[http::field::if_none_match], chosen->etag);
    logLine(method, path, notModified ? 304 : 200, started);
    auto setHeaders = [&](auto& res) {
      res.set(http::field::server, kServerHeader);
      res.set(http::field::content_type, target->mime);
      res.set(http::field::cache_control, target->cacheControl);
      res.set(http::field::etag, chosen->etag);
      if (!chosen->contentEncoding.empty()) res.set(http::field::content_encoding, chosen->contentEncoding);
      if (chosen->vary) res.set(http::field::vary, "Accept-Encoding");
      setSecurityHeaders(res, m_srv.policy, AnswerKind::App, tls());
      res.keep_alive(keepAlive);
    };
    if (notModified || req.method() == http::verb::head) {
      auto res = std::make_shared<http::response<http::empty_body>>(
          notModified ? http::status::not_modified : http::status::ok, req.version());
      setHeaders(*res);
      if (!notModified) res->content_length(chosen->size);
      return write(res, res->need_eof());
    }
    auto res = std::make_shared<http::response<http::file_body>>(
        std::piecewise_construct, std::make_tuple(std::move(body)), std::make_tuple(http::status::ok, req.version()));
    setHeaders(*res);
    res->content_length(chosen->size);
    write(res, res->need_eof());
  }

  template <class Msg>
  void write(std::shared_ptr<Msg> msg, bool closeAfter) {
    beast::get_lowest_layer(m_stream).expires_after(kIdleTimeout);
    http::async_write(m_stream, *msg,
                      [self = this->shared_from_this(), msg, closeAfter](beast::error_code ec, size_t) {
                        if (ec || closeAfter) return self->close();
                        self->read();
                      });
  }

  void logLine(const std::string& method, const std::string& path, int status,
               std::chrono::steady_clock::time_point started) {
    const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics::observeRequest(path, status, elapsed);  // server/ops/
    if (!m_srv.opts.accessLog && status < 400) return;
    const auto ms = int64_t(elapsed * 1000);
    // Paths carry no personal data (ids of venues and devices at most); bodies are never logged.
    if (m_srv.opts.jsonLog)
      return m_srv.log(nlohmann::json{{"method", method}, {"path", path.substr(0, 200)}, {"status", status}, {"ms", ms}}
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    m_srv.log(method + " " + path.substr(0, 200) + " " + std::to_string(status) + " " + std::to_string(ms) + "ms");
  }

  bool tls() const { return !std::is_same_v<Stream, beast::tcp_stream>; }

  void close() {
    beast::error_code ec;
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    } else {
      beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(5));
      m_stream.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    }
  }

  HttpServer::Impl& m_srv;
  Stream m_stream;
  beast::flat_buffer m_buffer;
  std::optional<http::request_parser<http::string_body>> m_parser;
};

}  // namespace

void HttpServer::Impl::accept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      if (tls) {
        std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
            *this, beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)), *tls))
            ->start();
      } else {
        std::make_shared<Session<beast::tcp_stream>>(*this, beast::tcp_stream(std::move(socket)))->start();
      }
    } else if (ec == asio::error::no_descriptors) {
      log("accept: out of file descriptors (raise LimitNOFILE)");
    }
    accept();
  });
}

HttpServer::HttpServer(RequestHandler& api, ServerOptions opts, std::function<void(const std::string&)> log)
    : m(std::make_unique<Impl>(api, std::move(opts), std::move(log))) {}

HttpServer::~HttpServer() {
  stop();
  m->workers.join();
}

Status HttpServer::start() {
  beast::error_code ec;
  if (!m->opts.tlsCert.empty() || !m->opts.tlsKey.empty()) {
    m->tls.emplace(ssl::context::tls_server);
    m->tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                        ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    m->tls->use_certificate_chain_file(m->opts.tlsCert, ec);
    if (!ec) m->tls->use_private_key_file(m->opts.tlsKey, ssl::context::pem, ec);
    if (ec) return makeError(ErrorKind::NotConfigured, "TLS certificate or key: " + ec.message());
  }
  auto addr = asio::ip::make_address(m->opts.host, ec);
  if (ec) return makeError(ErrorKind::NotConfigured, "bad listen address: " + m->opts.host);
  tcp::endpoint ep(addr, m->opts.port);
  m->acceptor.open(ep.protocol(), ec);
  if (!ec) m->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) m->acceptor.bind(ep, ec);
  if (!ec) m->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return makeError(ErrorKind::NotConfigured, "cannot listen on " + m->opts.host + ":" +
                                                         std::to_string(m->opts.port) + ": " + ec.message());
  m->signals.async_wait([this](beast::error_code, int) { stop(); });
  m->accept();
  return Done{};
}

uint16_t HttpServer::port() const {
  beast::error_code ec;
  auto ep = m->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void HttpServer::run() {
  std::vector<std::thread> threads;
  for (int i = 1; i < std::max(1, m->opts.ioThreads); ++i) threads.emplace_back([this] { m->ioc.run(); });
  m->ioc.run();
  for (auto& t : threads) t.join();
}

void HttpServer::stop() {
  asio::post(m->ioc, [this] {
    beast::error_code ec;
    m->acceptor.close(ec);
    m->signals.cancel(ec);
    m->ioc.stop();
  });
}

}  // namespace diemquet::server
