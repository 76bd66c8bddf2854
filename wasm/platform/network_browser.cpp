// Network state from navigator.onLine and the online/offline events.
#include <emscripten.h>

#include "platform.hpp"

EM_JS(int, dq_js_is_online, (), { return (typeof navigator === 'undefined' || navigator.onLine) ? 1 : 0; });

namespace diemquet::platform {

bool isOnline() { return dq_js_is_online() != 0; }

}  // namespace diemquet::platform
