// The loader's replay batches (web/loader.js): records separated by '\n' (JSON never holds a
// raw newline) and, when given, their journal keys separated by ','. One call per thousands of
// records instead of one per record keeps a cold start short. Shared by every face's wiring.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace diemquet::app {

// Calls fn(record, key) for each non-empty record, in order; key 0 when `keys` is null.
template <class Fn>
void forEachReplayed(std::string_view records, const char* keys, Fn fn) {
  std::string one;
  const char* k = keys;
  while (!records.empty()) {
    size_t nl = records.find('\n');
    one.assign(records.substr(0, nl));
    int64_t key = 0;
    if (k) {
      char* end = nullptr;
      key = std::strtoll(k, &end, 10);
      k = *end == ',' ? end + 1 : end;
    }
    if (!one.empty()) fn(one, key);
    if (nl == std::string_view::npos) break;
    records.remove_prefix(nl + 1);
  }
}

}  // namespace diemquet::app
