// The area picker: a search field and a list of matching areas (GET /api/v1/areas, which
// ignores marks and case), big rows for a thumb at 360 px. Used wherever an area is chosen.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace diemquet::ui {

struct AreaPicker {
  std::string level = "ward";  // what may be chosen ("" = any level)
  std::string within;          // only areas inside this code ("" = the whole country)
  std::string code, label;     // the chosen area; code "" until one is tapped

  // Internal: what is typed, the query of the request in flight, the answer.
  std::string query, asked;
  bool waiting = false, noMatch = false;
  std::vector<std::pair<std::string, std::string>> results;  // code, label
  void clear() { *this = AreaPicker{level, within}; }
};

// Sends GET `path` and calls back once with the status and JSON body.
using AreaFetch = std::function<void(const std::string& path, std::function<void(int, const nlohmann::json&)>)>;

// Draws the picker under `label`; true on the frame an area is chosen (p.code, p.label set).
bool areaPicker(const char* id, const char* label, AreaPicker& p, const AreaFetch& fetch);

}  // namespace diemquet::ui
