// The public area search the pickers use: GET /api/v1/areas?q=ben nghe[&level=ward]
// [&within=79][&limit=20]. Public because venues register themselves and citizens report
// without an account; it answers only names and codes, which are public.
#pragma once
#include <functional>
#include <optional>

#include "../http/router.hpp"
#include "../storage/store.hpp"

namespace diemquet::server::areas {

// GET /api/v1/areas (search) and GET /api/v1/areas/{code}.
void addRoutes(Router& router, Store& store, const std::function<int64_t()>& clock);

}  // namespace diemquet::server::areas
