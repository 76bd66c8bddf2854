// File names of the office's exports, in the export's language: the server's
// Content-Disposition and the office's download name are made here, so they say the same.
// An English export is named in English ("report-26740-2026-W49.xlsx"), a Vietnamese one in
// Vietnamese without marks ("bao-cao-26740-2026-W49.xlsx"): an officer who chose English got
// files named "bao-cao-…" and "truy-vet.csv".
#pragma once
#include <string>

namespace diemquet {

// The weekly report of area `areaCode` for ISO week `isoWeek` ("2026-W49"), `format` "xlsx",
// "csv" or "html".
std::string reportFileName(const std::string& areaCode, const std::string& isoWeek, const std::string& format,
                           bool english);
// A contact trace's CSV.
std::string traceFileName(bool english);

}  // namespace diemquet
