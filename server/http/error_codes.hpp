// The server's one error vocabulary: every `code` an error answer may carry, its HTTP status
// and what it means. errorResponse (api_types.hpp) takes an ErrorCode, which can only be made
// at compile time from a code listed here: a code not in this table does not compile.
// docs/api.md ("Errors") lists exactly these (tests/server/error_codes_test.cpp checks both
// ways, and that each use in server/ sends the status listed here).
#pragma once
#include <cstddef>
#include <iterator>
#include <string_view>

namespace diemquet::server {

struct ErrorCodeInfo {
  std::string_view code;
  int status;
  int otherStatus;  // a second status the code is also sent with (0: none)
  std::string_view meaning;
};

inline constexpr ErrorCodeInfo kErrorCodes[] = {
    // Any request.
    {"bad_http", 400, 0, "not parseable as HTTP/1.1"},
    {"invalid_utf8", 400, 0, "the body is not valid UTF-8"},
    {"bad_json", 400, 0,
     "the body is not exactly one JSON value: not JSON, or anything but whitespace after the value (a second "
     "value, trailing bytes), or a NUL byte anywhere"},
    {"bad_request", 400, 0, "JSON of the wrong shape, or a field or parameter out of its range (the message names it)"},
    {"unauthorized", 401, 0, "no `Authorization: Bearer …` header (the scheme is case-insensitive: `bearer …` works)"},
    {"invalid_token", 401, 0, "the device or feed token is not known"},
    {"not_found", 404, 0, "no such API endpoint, or no such thing in the caller's area"},
    {"method_not_allowed", 405, 0, "the path does not take this HTTP method (the `Allow` header names those it takes)"},
    {"body_too_large", 413, 0, "the body exceeds the size limit (see Limits)"},
    {"internal", 500, 0, "a bug; caught at the boundary, logged, the server keeps running"},
    {"storage_unavailable", 503, 0, "the database failed or is unreachable; retry later"},
    {"not_ready", 503, 0, "`/health/ready`: the database does not take writes"},
    // Stations: enrollment and uploads.
    {"invalid_code", 403, 0, "enrollment code unknown, already used or expired"},
    {"revoked", 403, 0, "the device was revoked at the venue this token was issued for"},
    {"device_mismatch", 403, 0, "the body's `device`, or a check-in's `device`, is not the token's device"},
    {"venue_not_bound", 403, 0, "a check-in names a venue the device is not enrolled at"},
    {"unknown_venue", 404, 0, "the venue named does not exist (or, for an officer, is not in their area)"},
    {"conflict", 409, 0, "a different check-in is already stored under this device and seq"},
    {"batch_too_large", 413, 0, "more check-ins in one upload than the limit (see Limits)"},
    {"invalid_check_in", 422, 0,
     "a check-in fails the core's strict validation (`checkInFromJson`: missing field, wrong type, seq < 1, bad "
     "kind/dir/tz, text too long or not valid text), or its person does not look like anything a station makes "
     "(`validatePerson`, `wasm/core/person_rules.hpp`: a `cccd` key of 12 digits, a BHYT card number, a `pccovid` "
     "key of 9-12 digits, a manual key that is a CCCD number or a phone, a visitor key that is a pass id, a CCCD "
     "number or a phone; a phone in the 0-form)"},
    {"future_time", 422, 0, "`ts` more than 10 min after the server's clock"},
    {"too_old", 422, 0, "`ts` before 2020-01-01"},
    // Posters and self check-ins.
    {"poster_invalid", 403, 0, "the poster URL is malformed"},
    {"poster_unknown_key", 403, 0, "the poster was signed with a key this server never had"},
    {"poster_forged", 403, 0, "the poster's signature does not verify (forged or altered)"},
    {"poster_revoked", 403, 0, "the poster's key was revoked"},
    {"poster_not_yet_valid", 403, 0, "before the poster's first valid day"},
    {"poster_expired", 403, 0, "after the poster's last valid day"},
    {"poster_mismatch", 403, 0, "the check-in's venue or scan point is not the poster's"},
    {"no_posters", 404, 0, "no poster was issued for the venue yet"},
    {"invalid_scan_point_id", 409, 0, "a scan point id a poster cannot carry (rename it first)"},
    {"no_scan_points", 409, 0, "the venue has no scan point, so no poster (the office's poster download)"},
    {"key_revoked", 409, 0, "the key the posters were signed with was revoked; issue new posters"},
    {"invalid_declaration", 422, 0, "the visitor's health declaration is malformed"},
    {"rate_limited", 429, 0, "too many self check-ins from one visitor device"},
    {"bad_short_code", 400, 0, "a short code is 6 characters of 0-9 and A-Z"},
    {"unknown_short_code", 404, 0, "no issued poster has this short code"},
    // Areas.
    {"unknown_area", 400, 404,
     "not a known (current) area code; 404 when the path names the area (`/api/v1/areas/{code}`)"},
    {"bad_level", 400, 0, "`level` must be province, district or ward"},
    {"bad_limit", 400, 0, "`limit` out of its range"},
    {"bad_query", 400, 0, "`q` is not text of at most 200 bytes"},
    // The office.
    {"invalid_credentials", 401, 0, "wrong username or password"},
    {"session_expired", 401, 0, "the office session ended (idle 8 h, logged out, or the officer disabled)"},
    {"outside_area", 403, 0, "the area or ward named is outside the officer's area"},
    {"too_many_attempts", 429, 0, "too many failed office logins; wait 15 minutes"},
    {"unknown_ward", 400, 0, "`ward` is not a known ward code"},
    {"bad_week", 400, 0, "`week` is not an ISO week like 2026-W48"},
    {"bad_format", 400, 0, "`format` is not one the endpoint makes"},
    {"bad_cursor", 400, 0, "the feed's `cursor` is not the number from its last line"},
    {"reason_required", 400, 0, "a trace needs a `reason` (it is recorded)"},
    {"bad_date_from", 400, 0, "a trace's `from` is not a date dd/mm/yyyy or yyyy-mm-dd"},
    {"bad_date_to", 400, 0, "a trace's `to` is not a date dd/mm/yyyy or yyyy-mm-dd"},
    {"bad_range", 400, 0, "a date range backwards or longer than allowed"},
    {"bad_photo", 400, 0, "a violation report's photo is not a base64 JPEG or PNG"},
    {"photo_too_large", 413, 0, "a violation report's photo is over 1 MB"},
    {"too_many_reports", 429, 0, "too many public violation reports from one address"},
    {"bad_username", 400, 0, "`username` must be 3 to 64 of a-z, 0-9, `.`, `_` or `-`"},
    {"level_mismatch", 400, 0, "the area is not at the level given"},
    {"username_taken", 409, 0, "another officer has that username"},
    {"advice_required", 400, 0, "an exposure needs a short advice text"},
    {"bad_window", 400, 0, "an exposure's `fromMs`/`untilMs` are not a valid window"},
    {"unknown_scan_point", 400, 0, "the venue has no such scan point"},
    // Venues registering themselves.
    {"bad_name", 400, 0, "`name` is required, 200 characters at most"},
    {"bad_address", 400, 0, "`address` (house number and street) is required, 300 characters at most"},
    {"bad_category", 400, 0, "`category` is not a venue kind of decision 2666/QĐ-BYT"},
    {"bad_phone", 400, 0, "`phone` is not a Vietnamese phone number"},
    {"bad_staff_count", 400, 0, "`staffCount` is not a whole number from 0 to 100000"},
    {"bad_scan_points", 400, 0, "`scanPoints` is not a list of 1 to 20 names"},
    {"too_many_scan_points", 400, 0, "a venue has at most 20 scan points"},
    {"bad_decision", 400, 0, "`decision` must be confirm or reject"},
    {"note_required", 400, 0, "a rejection needs a `note` saying why"},
    {"unknown_owner_key", 401, 0, "the owner key opens no venue"},
    {"venue_rejected", 403, 0, "the commune rejected this registration"},
    {"too_many_for_phone", 429, 0, "this phone number registered its daily number of venues"},
    {"too_many_registrations", 429, 0, "too many registrations from one network in an hour"},
    // Venue import by officers (a CSV or XLSX file as the body).
    {"empty_file", 400, 0, "the file is empty or has no venue rows"},
    {"not_utf8", 400, 0, "a CSV file that is not UTF-8 text"},
    {"bad_csv", 400, 0, "a CSV file that cannot be read (e.g. an unclosed quote)"},
    {"bad_xlsx", 400, 0, "an XLSX file that cannot be read (not a workbook, or damaged)"},
    {"bad_file", 400, 0, "a file that is neither CSV nor XLSX"},
    {"cell_too_long", 400, 0, "a cell longer than any field takes"},
    {"too_many_rows", 413, 0, "more rows than one import takes (20,000)"},
    {"too_large", 413, 0, "an XLSX file that unpacks to more data than one import takes"},
    {"rows_invalid", 422, 0, "some rows are wrong (listed with their row numbers in `errors`); nothing was imported"},
};

// A code of the table, checked when the program is compiled: ErrorCode("bad_json") compiles,
// ErrorCode("bad_jsno") does not.
class ErrorCode {
 public:
  consteval ErrorCode(const char* code) : m_index(indexOf(code)) {}  // NOLINT: implicit from a literal, on purpose
  const ErrorCodeInfo& info() const { return kErrorCodes[m_index]; }
  std::string_view code() const { return info().code; }

 private:
  static consteval size_t indexOf(const char* code) {
    const std::string_view c(code);
    for (size_t i = 0; i < std::size(kErrorCodes); ++i)
      if (kErrorCodes[i].code == c) return i;
    throw "not an error code of kErrorCodes (server/http/error_codes.hpp): add it there and to docs/api.md";
  }
  size_t m_index;
};

}  // namespace diemquet::server
