#include "upload_parser.hpp"

#include <nlohmann/json.hpp>

namespace diemquet::server {

namespace {

using json = nlohmann::json;

// Where the parser is: the top-level object, the check-in array, or inside one check-in.
// Values nested anywhere else are skipped (counted by m_skip) but still checked as JSON.
class UploadSax {
 public:
  explicit UploadSax(UploadBody& out) : m_out(out) {}

  bool null() { return scalar(FieldRef{FieldType::Other}); }
  bool boolean(bool v) {
    FieldRef f{FieldType::Boolean};
    f.b = v;
    return scalar(f);
  }
  bool number_integer(json::number_integer_t v) {
    FieldRef f{FieldType::Integer};
    f.i = v;
    return scalar(f);
  }
  bool number_unsigned(json::number_unsigned_t v) {
    FieldRef f{FieldType::Integer};
    f.i = static_cast<int64_t>(v);  // as json::get<int64_t> does: huge values fail the range checks
    return scalar(f);
  }
  bool number_float(json::number_float_t, const json::string_t&) { return scalar(FieldRef{FieldType::Other}); }
  bool string(json::string_t& v) { return scalar(FieldRef{FieldType::String}, &v); }
  bool binary(json::binary_t&) { return scalar(FieldRef{FieldType::Other}); }

  bool start_object(std::size_t) {
    if (m_skip) return ++m_skip, true;
    switch (m_at) {
      case At::Start:
        m_at = At::Top;
        m_topIsObject = true;
        return true;
      case At::Top:
        valueAtTop(FieldRef{FieldType::Other});
        return ++m_skip, true;
      case At::Array:
        m_out.items.emplace_back();
        m_out.items.back().isObject = true;
        m_at = At::Item;
        return true;
      case At::Item:
        m_out.items.back().fields.add(m_key, FieldRef{FieldType::Other});
        return ++m_skip, true;
      case At::Done:
        return ++m_skip, true;
    }
    return true;
  }
  bool end_object() {
    if (m_skip) return --m_skip, true;
    if (m_at == At::Item) m_at = At::Array;
    else if (m_at == At::Top) m_at = At::Done;
    return true;
  }
  bool start_array(std::size_t) {
    if (m_skip) return ++m_skip, true;
    if (m_at == At::Top && m_key == "checkIns") {
      m_out.checkIns = FieldType::Other;
      m_out.checkInsIsArray = true;
      m_out.items.clear();  // a repeated key: the last one wins, as in a JSON tree
      m_at = At::Array;
      return true;
    }
    if (m_at == At::Start) m_at = At::Done;  // a top-level array: not an object
    else if (m_at == At::Top) valueAtTop(FieldRef{FieldType::Other});
    else if (m_at == At::Array) m_out.items.emplace_back();
    else if (m_at == At::Item) m_out.items.back().fields.add(m_key, FieldRef{FieldType::Other});
    return ++m_skip, true;
  }
  bool end_array() {
    if (m_skip) return --m_skip, true;
    if (m_at == At::Array) m_at = At::Top;
    return true;
  }
  bool key(json::string_t& k) {
    if (!m_skip) m_key = std::move(k);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    m_out.problem = UploadBody::Problem::BadJson;
    return false;
  }
  bool topIsObject() const { return m_topIsObject; }

 private:
  enum class At { Start, Top, Array, Item, Done };

  bool scalar(FieldRef f, json::string_t* text = nullptr) {
    if (m_skip) return true;
    switch (m_at) {
      case At::Start: m_at = At::Done; break;  // a top-level scalar: not an object
      case At::Top: valueAtTop(f, text); break;
      case At::Array: m_out.items.emplace_back(); break;  // not an object: refused per item
      case At::Item: m_out.items.back().fields.add(m_key, f, text ? std::move(*text) : std::string()); break;
      case At::Done: break;
    }
    return true;
  }
  void valueAtTop(FieldRef f, json::string_t* text = nullptr) {
    if (m_key == "device") {
      m_out.device = f;
      m_out.deviceText = text ? std::move(*text) : std::string();
    } else if (m_key == "checkIns") {
      m_out.checkIns = FieldType::Other;
      m_out.checkInsIsArray = false;
      m_out.items.clear();
    }
  }

  UploadBody& m_out;
  At m_at = At::Start;
  int m_skip = 0;
  bool m_topIsObject = false;
  std::string m_key;
};

}  // namespace

UploadBody parseUploadBody(const std::string& body) {
  UploadBody out;
  UploadSax sax(out);
  const bool ok = json::sax_parse(body, &sax);
  if (!ok || out.problem == UploadBody::Problem::BadJson) {
    out = UploadBody{};
    out.problem = UploadBody::Problem::BadJson;
  } else if (!sax.topIsObject()) {
    out = UploadBody{};
    out.problem = UploadBody::Problem::NotObject;
  }
  return out;
}

}  // namespace diemquet::server
