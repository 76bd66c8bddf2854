// Clock: Date.now() and the local UTC offset (which can change with travel or DST).
#include <emscripten.h>

#include "platform.hpp"

EM_JS(int, dq_js_utc_offset_minutes, (), { return -new Date().getTimezoneOffset(); });
EM_JS(double, dq_js_date_now, (), { return Date.now(); });

namespace diemquet::platform {

Instant now() { return Instant{int64_t(dq_js_date_now()), dq_js_utc_offset_minutes()}; }

}  // namespace diemquet::platform
