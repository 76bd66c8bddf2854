// PgStore::runSql: the office's dialect-neutral statements on one leased connection, in one
// transaction. `?` becomes `$n` with a cast from the parameter's type (so PostgreSQL never
// has to guess the type of a bare parameter in arithmetic or comparisons).
#include <libpq-fe.h>

#include <cstdlib>

#include "hex.hpp"
#include "pg_store.hpp"

namespace diemquet::server {

namespace {

constexpr Oid kBytea = 17, kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;

// BYTEA in its text form both ways (a backslash, x, then two hex digits a byte), so parameters and
// results stay text; libpq reads either output form back.
std::string byteaHex(const std::string& bytes) {
  return "\\x" + toHex(bytes);
}
std::string bytesFromHex(const std::string& text) {
  size_t n = 0;
  unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text.c_str()), &n);
  std::string out(reinterpret_cast<const char*>(raw), raw ? n : 0);
  PQfreemem(raw);
  return out;
}

std::string rewrite(const SqlStatement& st, std::vector<pg::Param>& params) {
  std::string out;
  out.reserve(st.sql.size() + 16);
  size_t n = 0;
  char quote = 0;  // inside '...' (a literal; '' toggles out and back in) or "..." (an identifier)
  for (char ch : st.sql) {
    if (quote) {
      if (ch == quote) quote = 0;
      out += ch;
      continue;
    }
    if (ch == '\'' || ch == '"') quote = ch;
    if (ch != '?') {  // a '?' inside quotes is text, not a parameter
      out += ch;
      continue;
    }
    const SqlValue& v = n < st.params.size() ? st.params[n] : SqlValue{};
    out += "$" + std::to_string(++n);
    if (std::holds_alternative<int64_t>(v))
      out += "::bigint";
    else if (std::holds_alternative<double>(v))
      out += "::float8";
    else if (std::holds_alternative<std::string>(v))
      out += "::text";
    else if (std::holds_alternative<SqlBlob>(v))
      out += "::bytea";
  }
  for (const SqlValue& v : st.params) {
    if (auto p = std::get_if<int64_t>(&v))
      params.emplace_back(std::to_string(*p));
    else if (auto d = std::get_if<double>(&v))
      params.emplace_back(std::to_string(*d));
    else if (auto t = std::get_if<std::string>(&v))
      params.emplace_back(*t);
    else if (auto b = std::get_if<SqlBlob>(&v))
      params.emplace_back(byteaHex(b->bytes));
    else
      params.emplace_back(std::nullopt);
  }
  return out;
}

SqlRows toRows(const pg::PgResult& r) {
  SqlRows out;
  PGresult* raw = r.get();
  const int cols = raw ? PQnfields(raw) : 0;
  for (int i = 0; i < r.rows(); ++i) {
    std::vector<SqlValue> row;
    for (int c = 0; c < cols; ++c) {
      if (r.isNull(i, c)) {
        row.emplace_back(std::monostate{});
        continue;
      }
      const Oid t = PQftype(raw, c);
      std::string s = r.text(i, c);
      if (t == kInt8 || t == kInt4 || t == kInt2)
        row.emplace_back(int64_t(std::strtoll(s.c_str(), nullptr, 10)));
      else if (t == kBytea)
        row.emplace_back(SqlBlob{bytesFromHex(s)});
      else if (t == kBool)
        row.emplace_back(int64_t(s == "t" ? 1 : 0));
      else if (t == kFloat4 || t == kFloat8)
        row.emplace_back(std::strtod(s.c_str(), nullptr));
      else if (t == kNumeric) {
        if (s.find('.') == std::string::npos)
          row.emplace_back(int64_t(std::strtoll(s.c_str(), nullptr, 10)));
        else
          row.emplace_back(std::strtod(s.c_str(), nullptr));
      } else
        row.emplace_back(std::move(s));
    }
    out.rows.push_back(std::move(row));
  }
  out.changes = r.affected();
  return out;
}

}  // namespace

Result<SqlRows> runPgStatement(pg::PgConn& c, const SqlStatement& st) {
  std::vector<pg::Param> params;
  std::string sql = rewrite(st, params);
  auto r = c.exec(sql.c_str(), params);
  if (!r) return r.error();
  return toRows(r.value());
}

Result<std::vector<SqlRows>> PgStore::runSql(const std::vector<SqlStatement>& statements) {
  auto c = m_pool->lease();
  if (auto b = c->exec("BEGIN"); !b) return b.error();
  std::vector<SqlRows> out;
  for (const SqlStatement& st : statements) {
    std::vector<pg::Param> params;
    std::string sql = rewrite(st, params);
    auto r = c->exec(sql.c_str(), params);
    if (!r) {
      c->exec("ROLLBACK");
      return r.error();
    }
    out.push_back(toRows(r.value()));
  }
  if (auto cm = c->exec("COMMIT"); !cm) {
    c->exec("ROLLBACK");
    return cm.error();
  }
  return out;
}

}  // namespace diemquet::server
