// An XLSX workbook as bytes: libxlsxwriter (1.1.4 in Debian) writes only to a file, so the
// workbook goes to a private temporary file that is read back and removed.
#pragma once
#include <functional>
#include <string>

#include <xlsxwriter.h>

#include "result.hpp"

namespace diemquet::server::office {

// `fill` adds the sheets; the bytes of the closed workbook, or the writer's error.
Result<std::string> xlsxBytes(const std::string& namePrefix, const std::function<void(lxw_workbook*)>& fill);

}  // namespace diemquet::server::office
