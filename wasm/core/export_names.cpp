#include "export_names.hpp"

namespace diemquet {

std::string reportFileName(const std::string& areaCode, const std::string& isoWeek, const std::string& format,
                           bool english) {
  return std::string(english ? "report-" : "bao-cao-") + areaCode + "-" + isoWeek + "." + format;
}

std::string traceFileName(bool english) {
  return english ? "contact-trace.csv" : "truy-vet.csv";
}

}  // namespace diemquet
