// The short code printed under a poster's QR ("34M-FPJ", poster::shortCode) resolved to the
// poster's signed URL, for people who cannot scan: a visitor types <server>/c/34M-FPJ (or the
// code into the form at /c), staff type the code into the station's Settings (which asks
// GET /api/v1/short-codes/{code}). See docs/api.md "Short codes".
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "http/router.hpp"
#include "storage/store.hpp"

namespace diemquet::server::posters {

struct ShortCodeMatch {
  std::string venueId, venueName, pointId, pointName;
  std::string url;  // the newest issued poster of that scan point whose key is not revoked
};

// Posters issued before migration 210 get their code on the first call (codes are derived
// from the ids, so this is idempotent).
Status fillShortCodes(Store& store);
// `code` in its printed form ("34M-FPJ", see poster::normalizeShortCode). Several matches
// are possible (30 bits; two scan points may share a code): the caller lets the person choose.
Result<std::vector<ShortCodeMatch>> resolveShortCode(Store& store, const std::string& code);

// GET /api/v1/short-codes/{code} and the pages /c, /c/{code}, /c?code=….
void addShortCodeRoutes(Router& router, Store& store, const std::function<void(const std::string&)>& log);

}  // namespace diemquet::server::posters
