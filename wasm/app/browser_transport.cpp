#include "browser_transport.hpp"

#include "http.hpp"

namespace diemquet::app {

void postJson(const std::string& path, const std::string& body, const std::string& token,
              std::function<void(const sync::HttpReply&)> done) {
  std::string headers = "Content-Type: application/json";
  if (!token.empty()) headers += "\nAuthorization: Bearer " + token;
  platform::httpRequest("POST", path, body, headers, 30000, [done](const platform::HttpResponse& r) {
    done(sync::HttpReply{r.status, r.body});
  });
}

}  // namespace diemquet::app
