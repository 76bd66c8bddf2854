// Masked display of personal numbers: staff see only what they need to tell people apart.
#pragma once
#include <string>
#include <string_view>

namespace diemquet {

// "001099012345" -> "••••••••2345": all but the last 4 characters hidden.
std::string maskId(std::string_view id);
// "0901234567" -> "090••••567".
std::string maskPhone(std::string_view phone);
// For logs: never the value, only its length and last 2 characters.
std::string redactForLog(std::string_view value);

}  // namespace diemquet
