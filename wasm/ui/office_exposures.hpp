// Office: exposure alerts published from a trace result (issue #17). Under each of the traced
// person's visits, "Cảnh báo khách đã ở đây" opens a short form (scan point, advice); below the
// result, the alerts published in the officer's area, each with "Rút lại".
#pragma once
#include "client/office_types.hpp"
#include "office_state.hpp"

namespace diemquet::ui::office {

// Under visit `index` of the trace result (its venue, scan points and window); `traceReason`:
// the reason the trace was run with, recorded in the audit log as the alert's reason.
void drawPublishExposure(OfficeState& s, const client::TraceVisit& visit, int index, const std::string& traceReason);
// A new trace result: no visit's form is open or marked published.
void resetPublishForm();
// How many staff-scanned contacts have a phone number (reached by a call, not by the alert).
void drawStaffPhones(const client::TraceResult& traceResult);
// The alerts published in the officer's area, newest first.
void drawPublishedExposures(OfficeState& s);

}  // namespace diemquet::ui::office
