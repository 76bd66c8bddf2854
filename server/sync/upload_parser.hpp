// Streaming parser for upload bodies ({"device": ..., "checkIns": [{...}, ...]}): nlohmann's
// SAX interface straight into flat fields, without building a JSON tree of 500 objects per
// upload (the tree's allocations were the server's largest cost after SQLite itself).
// Validation stays in the core (checkInFromFields), the same rules as for a JSON tree.
#pragma once
#include <string>
#include <vector>

#include "check_in_json.hpp"

namespace diemquet::server {

struct UploadBody {
  enum class Problem { None, BadJson, NotObject };
  Problem problem = Problem::None;
  FieldRef device;         // the top-level "device" field: its type (Missing, String, ...)
  std::string deviceText;  // its value when a String
  FieldType checkIns = FieldType::Missing;  // Other when present but not an array
  bool checkInsIsArray = false;
  struct Item {
    bool isObject = false;
    CheckInFields fields;
  };
  std::vector<Item> items;
};

UploadBody parseUploadBody(const std::string& body);

}  // namespace diemquet::server
