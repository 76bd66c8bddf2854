#include "client/json_reader.hpp"

namespace diemquet::client {

using nlohmann::json;

namespace {
const json& nullJson() {
  static const json n;
  return n;
}
}  // namespace

JsonReader::JsonReader(const json& at, std::string path)
    : JsonReader(at, std::make_shared<std::string>(), path.empty() ? path : path + ".") {}

JsonReader::JsonReader(const json& at, std::shared_ptr<std::string> problem, std::string path)
    : m_at(&at), m_problem(std::move(problem)), m_path(std::move(path)) {
  if (!m_at->is_object()) {
    std::string where = m_path.empty() ? "the answer" : m_path.substr(0, m_path.size() - 1);
    fail(where, "not an object");
    m_at = &nullJson();
  }
}

void JsonReader::fail(const std::string& where, const char* why) {
  if (m_problem->empty()) *m_problem = where + ": " + why;
}

const json* JsonReader::field(const char* key, json::value_t kind, const char* why) {
  if (!m_at->is_object()) return nullptr;  // already noted
  auto it = m_at->find(key);
  if (it == m_at->end()) {
    fail(m_path + key, "missing");
    return nullptr;
  }
  const bool fits = kind == json::value_t::number_float     ? it->is_number()
                    : kind == json::value_t::number_integer ? it->is_number_integer()
                                                            : it->type() == kind;
  if (!fits) {
    fail(m_path + key, why);
    return nullptr;
  }
  return &*it;
}

const json* JsonReader::optional(const char* key) {
  if (!m_at->is_object()) return nullptr;
  auto it = m_at->find(key);
  return it == m_at->end() || it->is_null() ? nullptr : &*it;
}

std::string JsonReader::text(const char* key) {
  const json* v = field(key, json::value_t::string, "not text");
  return v ? v->get<std::string>() : std::string();
}

int64_t JsonReader::integer(const char* key) {
  const json* v = field(key, json::value_t::number_integer, "not an integer");
  return v ? v->get<int64_t>() : 0;
}

bool JsonReader::flag(const char* key) {
  const json* v = field(key, json::value_t::boolean, "not true or false");
  return v && v->get<bool>();
}

std::vector<std::string> JsonReader::texts(const char* key) {
  std::vector<std::string> out;
  const json* a = field(key, json::value_t::array, "not a list");
  if (!a) return out;
  for (size_t i = 0; i < a->size(); ++i) {
    if (!(*a)[i].is_string()) {
      fail(m_path + key + "[" + std::to_string(i) + "]", "not text");
      return {};
    }
    out.push_back((*a)[i].get<std::string>());
  }
  return out;
}

std::string JsonReader::textOr(const char* key, std::string fallback) {
  const json* v = optional(key);
  if (!v) return fallback;
  if (!v->is_string()) {
    fail(m_path + key, "not text");
    return fallback;
  }
  return v->get<std::string>();
}

int64_t JsonReader::integerOr(const char* key, int64_t fallback) {
  const json* v = optional(key);
  if (!v) return fallback;
  if (!v->is_number_integer()) {
    fail(m_path + key, "not an integer");
    return fallback;
  }
  return v->get<int64_t>();
}

bool JsonReader::flagOr(const char* key, bool fallback) {
  const json* v = optional(key);
  if (!v) return fallback;
  if (!v->is_boolean()) {
    fail(m_path + key, "not true or false");
    return fallback;
  }
  return v->get<bool>();
}

std::optional<double> JsonReader::numberOrNull(const char* key) {
  const json* v = optional(key);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    fail(m_path + key, "not a number");
    return std::nullopt;
  }
  return v->get<double>();
}

std::optional<int64_t> JsonReader::integerOrNull(const char* key) {
  const json* v = optional(key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    fail(m_path + key, "not an integer");
    return std::nullopt;
  }
  return v->get<int64_t>();
}

JsonReader JsonReader::object(const char* key) {
  const json* v = field(key, json::value_t::object, "not an object");
  return JsonReader(v ? *v : nullJson(), m_problem, m_path + key + ".");
}

}  // namespace diemquet::client
