// Masked display of personal numbers: staff see only what they need to tell people apart.
#pragma once
#include <string>
#include <string_view>

namespace diemquet {

// "001099012345" -> "••••••••2345": all but the last 4 characters hidden.
std::string maskId(std::string_view id);
// "0901234567" -> "090••••567".
std::string maskPhone(std::string_view phone);
// "Nguyễn Văn An" -> "N. V. An": the given name (the last word, what people are called by) and
// the initials of the others; enough for staff who saw the person, little for anyone else
// reading the screen. Spaces collapse; one word stays as it is.
std::string maskName(std::string_view name);
// For logs: never the value, only its length and last 2 characters.
std::string redactForLog(std::string_view value);

}  // namespace diemquet
