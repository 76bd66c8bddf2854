// The page's small remembered state (the language, the office session token, the kiosk lock):
// a key → text store the app implements with Web Storage and passes in, so screens and clients
// never touch the browser and tests use the in-memory one.
#pragma once
#include <map>
#include <string>

namespace diemquet::client {

class KeyValueStore {
 public:
  virtual ~KeyValueStore() = default;
  // Empty when absent (or the browser blocks storage).
  virtual std::string get(const std::string& key) const = 0;
  // Setting "" removes the key.
  virtual void set(const std::string& key, const std::string& value) = 0;
};

class MemoryKeyValueStore : public KeyValueStore {
 public:
  std::string get(const std::string& key) const override {
    auto it = m_values.find(key);
    return it == m_values.end() ? std::string() : it->second;
  }
  void set(const std::string& key, const std::string& value) override {
    if (value.empty())
      m_values.erase(key);
    else
      m_values[key] = value;
  }

 private:
  std::map<std::string, std::string> m_values;
};

}  // namespace diemquet::client
