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

// /api/v1/office/officers[/USERNAME/(disable|enable|reset-password)]; `seg` is the path split at
// '/' (api v1 office officers ...). The caller has authenticated `me`.
ApiResponse officersRequest(const ApiRequest& req, const std::vector<std::string>& seg, Store& store, const Officer& me,
                            int64_t nowMs);

}  // namespace diemquet::server::office
