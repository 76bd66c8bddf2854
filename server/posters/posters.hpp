// Venue posters on the server: the registry signing keys (kept in the database), poster
// issuance as an A4 PDF, the public key ring, and self check-ins authenticated by the signed
// poster itself. Its routes join the server's one table (addRoutes); see docs/api.md.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "http/router.hpp"
#include "poster/signed_url.hpp"
#include "storage/store.hpp"

namespace diemquet::server::posters {

struct Config {
  std::string publicUrl;  // base of the signed URLs, e.g. "https://diemquet.example.vn" (no trailing /)
  std::string fontDir = "/usr/share/fonts/truetype/noto";  // NotoSans-Regular.ttf, NotoSans-Bold.ttf
  int selfCheckInsPerDevice = 30;                          // per 10 minutes, per visitor phone (429 beyond)
};

// Process-wide settings, set once by `serve` before the first request.
void configure(const Config& config);
const Config& config();

// The newest key not revoked, made (and stored) if there is none: first start, or every key
// revoked. Two processes racing may both make one; both keys are valid.
Result<poster::SigningKey> activeSigningKey(Store& store, int64_t nowMs);
// A new key that becomes the active one (`admin rotate-key`).
Result<poster::SigningKey> rotateSigningKey(Store& store, int64_t nowMs);
// Every key, revoked ones included, as the stations' KeyRing.
Result<poster::KeyRing> keyRing(Store& store);

// Signs one URL per scan point of the venue, records them in `posters`, and renders the PDF.
// `fromYmd`/`untilYmd` are the validity (0 = open); `onlyPoint` non-empty: that scan point's
// page alone. NotFound for an unknown venue or one without (that) scan point.
Result<std::string> issuePosters(Store& store, const std::string& venueId, int fromYmd, int untilYmd,
                                 const std::string& issuedBy, int64_t nowMs, const std::string& onlyPoint = "");

// The venue's posters to print again: the latest issue rendered again (the same URLs, so the QR
// codes already on its walls stay valid), or a new issue (open validity) only when none exists or
// its key was revoked: the rule the station's "Tải áp phích (PDF)" follows (GET, then POST on
// 404/409). NotFound: no such venue, or it has no scan point; Malformed: a scan point id a poster
// cannot carry (issuePosters' message says how to fix it).
struct PrintedPosters {
  std::string pdf;
  bool issued = false;  // new posters were signed (the old ones' key was revoked, or there were none)
};
Result<PrintedPosters> postersToPrint(Store& store, const std::string& venueId, const std::string& issuedBy,
                                      int64_t nowMs);

// Handles /api/v1/keys, /api/v1/venues/{id}/posters[/info] and /api/v1/self-checkins;
// nullopt for every other path.
void addRoutes(Router& router, Store& store, const std::function<int64_t()>& clock,
               const std::function<void(const std::string&)>& log);

}  // namespace diemquet::server::posters
