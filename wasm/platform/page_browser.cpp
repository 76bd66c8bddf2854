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

namespace diemquet::platform {

std::string pageUrl() {
  char* p = dq_js_page_url();
  std::string s = p ? p : "";
  std::free(p);
  return s;
}

}  // namespace diemquet::platform
