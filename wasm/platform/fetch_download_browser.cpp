// fetch_download.hpp over fetch() + Blob: an <a download> for files, window.open for views.
#include <emscripten.h>

#include <map>

#include "fetch_download.hpp"

EM_JS(void, dq_js_fetch_download, (int reqId, const char* url, const char* headers, const char* name, int open), {
  var u = UTF8ToString(url), hs = UTF8ToString(headers), n = UTF8ToString(name);
  var h = {};
  hs.split('\n').forEach(function (line) {
    var i = line.indexOf(':');
    if (i > 0) h[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  });
  fetch(u, { headers: h, cache: 'no-store' })
    .then(function (r) {
      if (!r.ok) { Module._dq_fetch_download_done(reqId, r.status); return; }
      return r.blob().then(function (b) {
        var href = URL.createObjectURL(b);
        var win = open ? window.open(href, '_blank') : null;
        if (!win) {
          var a = document.createElement('a');
          a.href = href;
          a.download = n;
          document.body.appendChild(a);
          a.click();
          a.remove();
        }
        setTimeout(function () { URL.revokeObjectURL(href); }, 60000);
        Module._dq_fetch_download_done(reqId, r.status);
      });
    })
    .catch(function () { Module._dq_fetch_download_done(reqId, 0); });
});

namespace {
std::map<int, std::function<void(int)>> g_pending;
int g_next = 1;

void start(const std::string& url, const std::string& headers, const std::string& filename,
           std::function<void(int)> done, bool open) {
  int id = g_next++;
  g_pending.emplace(id, std::move(done));
  dq_js_fetch_download(id, url.c_str(), headers.c_str(), filename.c_str(), open ? 1 : 0);
}
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void dq_fetch_download_done(int reqId, int status) {
  auto it = g_pending.find(reqId);
  if (it == g_pending.end()) return;
  auto done = std::move(it->second);
  g_pending.erase(it);
  if (done) done(status);
}

namespace diemquet::platform {

void downloadFromServer(const std::string& url, const std::string& headers, const std::string& filename,
                        std::function<void(int)> done) {
  start(url, headers, filename, std::move(done), false);
}

void openFromServer(const std::string& url, const std::string& headers, const std::string& filename,
                    std::function<void(int)> done) {
  start(url, headers, filename, std::move(done), true);
}

}  // namespace diemquet::platform
