#include "api_types.hpp"

#include <nlohmann/json.hpp>

namespace diemquet::server {

ApiResponse errorResponse(int status, ErrorCode code, const std::string& message) {
  return ApiResponse{status, nlohmann::json{{"error", {{"code", code.code()}, {"message", message}}}}.dump()};
}

}  // namespace diemquet::server
