// Result<T>: a value or an Error. Parsing and validation report failures as values;
// exceptions never cross the JS, HTTP or database boundary.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace diemquet {

// What went wrong, stable enough for the UI to choose its own translated message.
enum class ErrorKind {
  EmptyName,
  NameTooLong,
  NameSymbols,  // an emoji or a symbol in a person's name
  InvalidCccd,
  InvalidPhone,
  MissingIdentity,
  FutureTime,
  InvalidTime,
  InvalidText,
  NotConfigured,
  Storage,
  Malformed,
  Unsupported,
  NotFound,
  Conflict,
  InvalidDate,   // a card date that is not a calendar date, or out of order
  InvalidHex,    // a BHYT text field that is not hex-encoded UTF-8
  BadChecksum,   // one of our own codes whose checksum does not match: altered text
  MangledText,   // Vietnamese letters dropped or garbled, e.g. by a keyboard-wedge scanner
  BadSignature,  // a signed code whose signature does not match its text: forged or altered
  UnknownKey,    // signed with a key id the key ring does not hold
  RevokedKey,    // signed with a key the venue has revoked
  Expired,       // past its last valid day
  NotYetValid,   // before its first valid day
};

struct Error {
  ErrorKind kind;
  std::string message;  // English, for logs and the API; never contains personal data
  std::string field;    // the form field or payload field at fault, if any
};

template <class T>
class Result {
 public:
  Result(T value) : m_v(std::move(value)) {}
  Result(Error error) : m_v(std::move(error)) {}

  bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(m_v); }
  T& value() & { return std::get<0>(m_v); }
  T&& value() && { return std::get<0>(std::move(m_v)); }
  const T* operator->() const { return &std::get<0>(m_v); }
  const T& operator*() const { return std::get<0>(m_v); }
  const Error& error() const { return std::get<1>(m_v); }

 private:
  std::variant<T, Error> m_v;
};

// For operations that return nothing on success.
struct Done {};
using Status = Result<Done>;

inline Error makeError(ErrorKind kind, std::string message, std::string field = {}) {
  return Error{kind, std::move(message), std::move(field)};
}

}  // namespace diemquet
