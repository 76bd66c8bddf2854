// The area picker: a search field and a list of matching areas (GET /api/v1/areas, which
// ignores marks and case), big rows for a thumb at 360 px. Used wherever an area is chosen.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "client/office_types.hpp"

namespace diemquet::ui {

struct AreaPicker {
  std::string level = "ward";  // what may be chosen ("" = any level)
  std::string within;          // only areas inside this code ("" = the whole country)
  std::string code, label;     // the chosen area; code "" until one is tapped

  // Internal: what is typed, the query of the request in flight, the answer.
  std::string query, asked;
  bool waiting = false, noMatch = false;
  std::vector<client::AreaChoice> results;
  void clear() { *this = AreaPicker{level, within}; }
};

// Asks the server for the areas matching a search and calls back once: the areas found, or
// `ok` false when there was no usable answer.
using AreaFetch = std::function<void(const client::AreaSearch&,
                                     std::function<void(bool ok, const std::vector<client::AreaChoice>&)>)>;

// Draws the picker under `label`; true on the frame an area is chosen (p.code, p.label set).
// `error`: said in red under the search field while no area is chosen.
// `hint` and `noMatch`: the field's example and the "nothing found" line (areas' by default;
// the venue picker of a complaint taken by phone words its own).
bool areaPicker(const char* id, const char* label, AreaPicker& p, const AreaFetch& fetch,
                const char* error = nullptr, const char* hint = nullptr, const char* noMatch = nullptr);

}  // namespace diemquet::ui
