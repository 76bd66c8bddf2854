// platform/http.hpp over fetch(), with a timeout by AbortController.
#include <emscripten.h>

#include <map>

#include "http.hpp"

// clang-format off: JavaScript, which clang-format breaks (=== became "== =").
EM_JS(void, dq_js_fetch, (int reqId, const char* method, const char* url, const char* body, const char* headers, int timeoutMs), {
  var m = UTF8ToString(method), u = UTF8ToString(url), b = UTF8ToString(body), hs = UTF8ToString(headers);
  var h = {};
  hs.split('\n').forEach(function (line) {
    var i = line.indexOf(':');
    if (i > 0) h[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  });
  var ctl = typeof AbortController !== 'undefined' ? new AbortController() : null;
  var timer = setTimeout(function () { if (ctl) ctl.abort(); }, timeoutMs);
  function finish(status, text, etag) {
    clearTimeout(timer);
    var len = lengthBytesUTF8(text) + 1, ptr = _malloc(len);
    stringToUTF8(text, ptr, len);
    var elen = lengthBytesUTF8(etag) + 1, eptr = _malloc(elen);
    stringToUTF8(etag, eptr, elen);
    Module._dq_http_done(reqId, status, ptr, eptr);
    _free(ptr);
    _free(eptr);
  }
  fetch(u, { method: m, headers: h, body: (m === 'GET' || m === 'HEAD') ? undefined : b, cache: 'no-store',
             signal: ctl ? ctl.signal : undefined })
    .then(function (r) { return r.text().then(function (t) { finish(r.status, t, r.headers.get('ETag') || ''); }); })
    .catch(function () { finish(0, '', ''); });
});
// clang-format on

namespace {
std::map<int, std::function<void(const diemquet::platform::HttpResponse&)>> g_http;
int g_nextHttp = 1;
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void dq_http_done(int reqId, int status, const char* body, const char* etag) {
  auto it = g_http.find(reqId);
  if (it == g_http.end()) return;
  auto done = std::move(it->second);
  g_http.erase(it);
  done(diemquet::platform::HttpResponse{status, body ? body : "", etag ? etag : ""});
}

namespace diemquet::platform {

void httpRequest(const std::string& method, const std::string& url, const std::string& body,
                 const std::string& headers, int timeoutMs, std::function<void(const HttpResponse&)> done) {
  int id = g_nextHttp++;
  g_http.emplace(id, std::move(done));
  dq_js_fetch(id, method.c_str(), url.c_str(), body.c_str(), headers.c_str(), timeoutMs);
}

}  // namespace diemquet::platform
