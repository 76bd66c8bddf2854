#include "export_cells.hpp"

namespace diemquet::server::office {

std::string spreadsheetText(std::string_view s) {
  if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos) return "'" + std::string(s);
  return std::string(s);
}

std::string csvField(std::string_view raw) {
  std::string s = spreadsheetText(raw);
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace diemquet::server::office
