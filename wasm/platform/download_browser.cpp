// download.hpp: a Blob URL clicked through a temporary <a download>.
#include <emscripten.h>

#include "download.hpp"

EM_JS(void, dq_js_download, (const char* name, const char* mime, const unsigned char* data, int len), {
  var bytes = HEAPU8.slice(data, data + len);
  var blob = new Blob([bytes], { type: UTF8ToString(mime) });
  var url = URL.createObjectURL(blob);
  var a = document.createElement('a');
  a.href = url;
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
});

namespace diemquet::platform {

void downloadFile(const std::string& filename, const std::string& mimeType, const std::string& bytes) {
  dq_js_download(filename.c_str(), mimeType.c_str(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 int(bytes.size()));
}

}  // namespace diemquet::platform
