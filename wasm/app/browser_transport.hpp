// The core's seams in the browser: HTTP (sync/transport.hpp) through fetch, and the page's Web
// Storage as a client::KeyValueStore, and saving files as a client::Downloader.
#pragma once
#include "client/downloader.hpp"
#include "client/key_value_store.hpp"
#include "sync/transport.hpp"

namespace diemquet::app {

// Any request through fetch (same origin): the bearer token, JSON content type for a body,
// If-None-Match; the answer's ETag comes back with it.
void fetchHttp(const sync::HttpRequest& request, std::function<void(const sync::HttpReply&)> done);

// JSON POST to `path`, with the bearer token when given; status 0 after 30 s without answer.
void postJson(const std::string& path, const std::string& body, const std::string& token,
              std::function<void(const sync::HttpReply&)> done);

// localStorage (kept) or sessionStorage (this tab only); see platform/page.hpp.
class PageStore : public client::KeyValueStore {
 public:
  explicit PageStore(bool session) : m_session(session) {}
  std::string get(const std::string& key) const override;
  void set(const std::string& key, const std::string& value) override;

 private:
  bool m_session;
};

// Files through fetch → Blob (platform/http_download.hpp) and platform/download.hpp.
class BrowserDownloader : public client::Downloader {
 public:
  void fetchToFile(const std::string& method, const std::string& path, const std::string& token,
                   const std::string& filename, bool openInTab, std::function<void(int status)> done) override;
  void fetchToFileWithError(const std::string& method, const std::string& path, const std::string& token,
                            const std::string& filename,
                            std::function<void(int status, const std::string& errorBody)> done) override;
  void saveBytes(const std::string& filename, const std::string& mimeType, const std::string& bytes) override;
};

}  // namespace diemquet::app
