// Ids of venues and scan points: the one rule, checked where an id is made (the admin CLI, the
// office's venue registration) so that everything later (poster signing, short codes, URLs,
// file names) can rely on it. A poster's signed URL carries both ids, which is what bounds them.
#pragma once
#include <cstddef>
#include <string_view>

#include "result.hpp"

namespace diemquet {

// 1 to 16 characters, each an ASCII letter, a digit or '-' ("cho-ben-thanh", "cong-chinh").
inline constexpr size_t kMaxVenueOrPointIdLength = 16;
inline constexpr const char* kIdRule = "1-16 characters, each a-z, A-Z, 0-9 or '-'";

bool isValidId(std::string_view id);
// Malformed, naming what (e.g. "scan point id") and the rule, when `id` breaks it.
Status checkId(std::string_view what, std::string_view id);

}  // namespace diemquet
