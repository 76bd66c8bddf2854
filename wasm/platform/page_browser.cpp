// platform/page.hpp over window.location.
#include <emscripten.h>

#include <cstdlib>

#include "page.hpp"

EM_JS(char*, dq_js_page_url, (), {
  var s = String(location.href);
  var len = lengthBytesUTF8(s) + 1, p = _malloc(len);
  stringToUTF8(s, p, len);
  return p;
});

EM_JS(void, dq_js_open_page, (const char* url), { location.assign(UTF8ToString(url)); });

EM_JS(char*, dq_js_store_get, (int session, const char* key), {
  var v = null;
  try { v = (session ? sessionStorage : localStorage).getItem(UTF8ToString(key)); } catch (e) {}
  var s = v === null ? String() : String(v);
  var len = lengthBytesUTF8(s) + 1, p = _malloc(len);
  stringToUTF8(s, p, len);
  return p;
});

EM_JS(void, dq_js_store_set, (int session, const char* key, const char* value), {
  try {
    var st = session ? sessionStorage : localStorage, k = UTF8ToString(key), v = UTF8ToString(value);
    if (v.length) st.setItem(k, v); else st.removeItem(k);
  } catch (e) {}  // storage blocked (private mode): the choice lasts until the reload
});

namespace diemquet::platform {

std::string pageStoreGet(bool session, const std::string& key) {
  char* p = dq_js_store_get(session ? 1 : 0, key.c_str());
  std::string s = p ? p : "";
  std::free(p);
  return s;
}

void pageStoreSet(bool session, const std::string& key, const std::string& value) {
  dq_js_store_set(session ? 1 : 0, key.c_str(), value.c_str());
}

std::string pageUrl() {
  char* p = dq_js_page_url();
  std::string s = p ? p : "";
  std::free(p);
  return s;
}

void openPage(const std::string& url) { dq_js_open_page(url.c_str()); }

}  // namespace diemquet::platform
