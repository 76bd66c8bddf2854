// Small UTF-8 text helpers shared by validation, parsers and the UI.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace diemquet::text {

bool isValidUtf8(std::string_view s);
// The one UTF-8 decoder: the code point at s[i], with i moved past it. A sequence that is not
// UTF-8 (a stray byte, a cut-off end) reads as U+FFFD and moves one byte, so text from outside
// (a scan, a form, an import) can never make a reader run past its end.
char32_t nextCodePoint(std::string_view s, size_t& i);
// Every code point of `s` (U+FFFD as above), and back.
std::vector<char32_t> decodeUtf8(std::string_view s);
void appendUtf8(std::string& out, char32_t cp);
std::string encodeUtf8(const std::vector<char32_t>& cps);
// A number with two decimals ("0.05"); `decimalComma`: as Vietnamese writes it ("0,05"), where
// a dot reads as a thousands separator. The office's screen and print version both use it.
std::string twoDecimals(double v, bool decimalComma);
// Number of Unicode code points; assumes valid UTF-8.
size_t codePointCount(std::string_view s);
// Trims ASCII white space at both ends and folds inner runs of white space to one space.
std::string squeezeSpaces(std::string_view s);
bool isAllDigits(std::string_view s);
// Keeps only ASCII digits ("090 123-4567" -> "0901234567").
std::string digitsOnly(std::string_view s);
// True if the text contains an ASCII control character other than tab.
bool hasControlChars(std::string_view s);
// True if every character can be part of a person's name as people write it: letters of the
// Latin script (every Vietnamese letter and tone mark, precomposed or combining), digits,
// spaces and . , ' - ( ) /. An emoji or a symbol is not: the fonts have no glyph for it, and
// the office would read "?" in its trace. Assumes valid UTF-8.
bool isNameText(std::string_view s);

}  // namespace diemquet::text
