#include "partitions.hpp"

#include <string_view>

namespace diemquet::server::partitions {

bool partitioned(const Store& store) {
  return std::string_view(store.backendName()) == "postgres";
}

Result<int64_t> ensureMonths(Store& store, int64_t fromMs, int64_t nowMs) {
  if (!partitioned(store)) return int64_t(0);
  const int64_t aheadMs = int64_t(kMonthsAhead) * 31 * 86'400'000;
  auto r = store.runSql({{"SELECT dq_ensure_check_in_months(?, ?)", {fromMs, nowMs + aheadMs}}});
  if (!r) return r.error();
  const auto& v = r->at(0).rows.at(0).at(0);
  return std::holds_alternative<int64_t>(v) ? std::get<int64_t>(v) : int64_t(0);
}

std::optional<SqlStatement> dropMonthsBefore(const Store& store, int64_t cutoffMs) {
  if (!partitioned(store)) return std::nullopt;
  return SqlStatement{"SELECT partitions, check_ins FROM dq_drop_check_in_months_before(?)", {cutoffMs}};
}

}  // namespace diemquet::server::partitions
