// The public area search the pickers use: GET /api/v1/areas?q=ben nghe[&level=ward]
// [&within=79][&limit=20]. Public because venues register themselves and citizens report
// without an account; it answers only names and codes, which are public.
#pragma once
#include <functional>
#include <optional>

#include "../storage/store.hpp"
#include "../sync/api.hpp"

namespace diemquet::server::areas {

// nullopt when the path is not /api/v1/areas or /api/v1/areas/CODE.
std::optional<ApiResponse> route(const ApiRequest& req, Store& store, const std::function<int64_t()>& clock);

}  // namespace diemquet::server::areas
