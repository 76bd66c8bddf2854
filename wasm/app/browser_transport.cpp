#include "browser_transport.hpp"

#include "download.hpp"
#include "http.hpp"
#include "http_download.hpp"
#include "page.hpp"

namespace diemquet::app {

void fetchHttp(const sync::HttpRequest& request, std::function<void(const sync::HttpReply&)> done) {
  std::string headers;
  auto add = [&headers](const std::string& line) { headers += (headers.empty() ? "" : "\n") + line; };
  if (request.method != "GET") add("Content-Type: application/json");
  if (!request.token.empty()) add("Authorization: Bearer " + request.token);
  if (!request.ifNoneMatch.empty()) add("If-None-Match: " + request.ifNoneMatch);
  platform::httpRequest(request.method, request.path, request.body, headers, request.timeoutMs,
                        [done = std::move(done)](const platform::HttpResponse& r) {
                          done(sync::HttpReply{r.status, r.body, r.etag});
                        });
}

void postJson(const std::string& path, const std::string& body, const std::string& token,
              std::function<void(const sync::HttpReply&)> done) {
  static const sync::Transport post = sync::postOver(fetchHttp);
  post(path, body, token, std::move(done));
}

std::string PageStore::get(const std::string& key) const {
  return platform::pageStoreGet(m_session, key);
}
void PageStore::set(const std::string& key, const std::string& value) {
  platform::pageStoreSet(m_session, key, value);
}

void BrowserDownloader::fetchToFile(const std::string& method, const std::string& path, const std::string& token,
                                    const std::string& filename, bool openInTab, std::function<void(int status)> done) {
  const std::string headers = token.empty() ? std::string() : "Authorization: Bearer " + token;
  if (openInTab && method == "GET") return platform::openFromServer(path, headers, filename, std::move(done));
  // A province's weekly XLSX may take a while.
  platform::downloadFromUrl(method, path, headers, filename, 60000,
                            [done = std::move(done)](int status, const std::string&) {
                              if (done) done(status);
                            });
}

void BrowserDownloader::fetchToFileWithError(const std::string& method, const std::string& path,
                                             const std::string& token, const std::string& filename,
                                             std::function<void(int, const std::string&)> done) {
  const std::string headers = token.empty() ? std::string() : "Authorization: Bearer " + token;
  platform::downloadFromUrl(method, path, headers, filename, 60000, std::move(done));
}

void BrowserDownloader::saveBytes(const std::string& filename, const std::string& mimeType, const std::string& bytes) {
  platform::downloadFile(filename, mimeType, bytes);
}

}  // namespace diemquet::app
