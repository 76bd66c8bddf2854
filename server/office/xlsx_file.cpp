// XLSX workbooks written to memory (xlsx_file.hpp).
#include "xlsx_file.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

namespace diemquet::server::office {

Result<std::string> xlsxBytes(const std::string& namePrefix, const std::function<void(lxw_workbook*)>& fill) {
  std::random_device rd;
  auto path = std::filesystem::temp_directory_path() /
              (namePrefix + "-" + std::to_string(rd()) + "-" + std::to_string(rd()) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return makeError(ErrorKind::Storage, "cannot create the XLSX file");
  fill(wb);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    std::filesystem::remove(path);
    return makeError(ErrorKind::Storage, std::string("XLSX: ") + lxw_strerror(err));
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  std::filesystem::remove(path);
  return bytes;
}

}  // namespace diemquet::server::office
