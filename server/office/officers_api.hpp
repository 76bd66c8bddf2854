// Officers managed in the office: an officer lists, creates, disables and resets the password
// of officers whose area lies strictly inside their own (a province officer for its districts
// and communes; never an officer of their own area, beside it or above it). Every change is in
// the audit log; a new or reset password is generated here and shown once.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "office_db.hpp"

namespace diemquet::server::office {

// GET and POST /api/v1/office/officers, POST /api/v1/office/officers/{username}/(disable|
// enable|reset-password) (routes in office_api.cpp). The caller has authenticated `me`.
ApiResponse listOfficers(Store& store, const Officer& me);
ApiResponse createOfficer(const ApiRequest& req, Store& store, const Officer& me, int64_t nowMs);
ApiResponse changeOfficer(const std::string& username, const std::string& action, Store& store, const Officer& me,
                          int64_t nowMs);

}  // namespace diemquet::server::office
