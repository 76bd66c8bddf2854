#include "browser_transport.hpp"

#include "http.hpp"
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

}  // namespace diemquet::app
