// The one place every office export (report CSV/XLSX, trace CSV) turns text into a cell.
// Names, phones and places reach an officer's spreadsheet verbatim from visitors and venues: a
// cell that starts with '=', '+', '-', '@', a tab or a carriage return would run as a formula
// in Excel or LibreOffice ("=HYPERLINK(...)" as a self-declared name). Such text is prefixed
// with an apostrophe, which spreadsheet programs show as text and do not evaluate.
#pragma once
#include <string>
#include <string_view>

namespace diemquet::server::office {

// The text as a spreadsheet must receive it: neutralised if it could start a formula.
std::string spreadsheetText(std::string_view s);
// One CSV field: spreadsheetText, then quoted (RFC 4180) when it holds ',', '"', CR or LF.
std::string csvField(std::string_view s);

}  // namespace diemquet::server::office
