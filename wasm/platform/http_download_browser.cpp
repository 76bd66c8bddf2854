// http_download.hpp over fetch(): the answer as a Blob → a temporary <a download>, or a new
// tab for views (window.open, a download when the browser blocks the tab).
#include <emscripten.h>

#include <map>

#include "http_download.hpp"

EM_JS(void, dq_js_http_download, (int reqId, const char* method, const char* url, const char* headers,
                                  const char* filename, int timeoutMs, int openTab), {
  var m = UTF8ToString(method), u = UTF8ToString(url), hs = UTF8ToString(headers), name = UTF8ToString(filename);
  var h = {};
  hs.split('\n').forEach(function (line) {
    var i = line.indexOf(':');
    if (i > 0) h[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  });
  var ctl = typeof AbortController !== 'undefined' ? new AbortController() : null;
  var timer = setTimeout(function () { if (ctl) ctl.abort(); }, timeoutMs);
  function finish(status, text) {
    clearTimeout(timer);
    var len = lengthBytesUTF8(text) + 1, ptr = _malloc(len);
    stringToUTF8(text, ptr, len);
    Module._dq_http_download_done(reqId, status, ptr);
    _free(ptr);
  }
  fetch(u, { method: m, headers: h, cache: 'no-store', signal: ctl ? ctl.signal : undefined })
    .then(function (r) {
      if (!r.ok) return r.text().then(function (t) { finish(r.status, t); });
      return r.arrayBuffer().then(function (buf) {
        var blob = new Blob([buf], { type: r.headers.get('Content-Type') || 'application/octet-stream' });
        var href = URL.createObjectURL(blob);
        var win = openTab ? window.open(href, '_blank') : null;
        if (!win) {
          var a = document.createElement('a');
          a.href = href;
          a.download = name;
          document.body.appendChild(a);
          a.click();
          a.remove();
        }
        setTimeout(function () { URL.revokeObjectURL(href); }, 60000);
        finish(r.status, String());
      });
    })
    .catch(function () { finish(0, String()); });
});

namespace {
std::map<int, std::function<void(int, const std::string&)>> g_downloads;
int g_nextDownload = 1;
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void dq_http_download_done(int reqId, int status, const char* body) {
  auto it = g_downloads.find(reqId);
  if (it == g_downloads.end()) return;
  auto done = std::move(it->second);
  g_downloads.erase(it);
  if (done) done(status, body ? body : "");
}

namespace {
constexpr int kServerFileTimeoutMs = 60000;  // an XLSX of a province's week may take a while

void start(const std::string& method, const std::string& url, const std::string& headers, const std::string& filename,
           int timeoutMs, bool openTab, std::function<void(int, const std::string&)> done) {
  int id = g_nextDownload++;
  g_downloads.emplace(id, std::move(done));
  dq_js_http_download(id, method.c_str(), url.c_str(), headers.c_str(), filename.c_str(), timeoutMs, openTab ? 1 : 0);
}
}  // namespace

namespace diemquet::platform {

void downloadFromUrl(const std::string& method, const std::string& url, const std::string& headers,
                     const std::string& filename, int timeoutMs, std::function<void(int, const std::string&)> done) {
  start(method, url, headers, filename, timeoutMs, false, std::move(done));
}

void downloadFromServer(const std::string& url, const std::string& headers, const std::string& filename,
                        std::function<void(int)> done) {
  start("GET", url, headers, filename, kServerFileTimeoutMs, false,
        [done = std::move(done)](int status, const std::string&) { if (done) done(status); });
}

void openFromServer(const std::string& url, const std::string& headers, const std::string& filename,
                    std::function<void(int)> done) {
  start("GET", url, headers, filename, kServerFileTimeoutMs, true,
        [done = std::move(done)](int status, const std::string&) { if (done) done(status); });
}

}  // namespace diemquet::platform
