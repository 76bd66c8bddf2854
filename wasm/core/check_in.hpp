// The check-in: who came through which scan point of which venue, in or out, and when.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "time.hpp"

namespace diemquet {

// How the person was identified.
enum class PersonKind { Cccd, Bhyt, PcCovid, Visitor, Manual };
enum class Direction { In, Out };
enum class SyncState { Pending, Synced };

std::string_view toString(PersonKind k);
std::string_view toString(Direction d);
std::optional<PersonKind> personKindFromString(std::string_view s);
std::optional<Direction> directionFromString(std::string_view s);

// A person as the station knows them at the moment of the scan.
struct Person {
  PersonKind kind = PersonKind::Manual;
  // Stable key for "is this the same person": the CCCD number, the BHYT card number, the
  // visitor pass id, or for manual entry the CCCD or phone typed in. Sensitive.
  std::string key;
  std::string displayName;
  std::string phone;  // may be empty; sensitive
  int birthYear = 0;  // 0 when unknown
};

struct CheckIn {
  std::string deviceId;  // the station that recorded it
  int64_t seq = 0;       // per-device sequence number, from 1; (deviceId, seq) is the identity
  std::string venueId;
  std::string scanPointId;
  Person person;
  Direction direction = Direction::In;
  Instant at;
  bool voided = false;  // undone by staff; kept so the server learns of the undo
  SyncState sync = SyncState::Pending;

};

// Spelled out: libc++ 13 (emcc 3.1.6) cannot default == over std::string members.
inline bool operator==(const Person& a, const Person& b) {
  return a.kind == b.kind && a.key == b.key && a.displayName == b.displayName && a.phone == b.phone &&
         a.birthYear == b.birthYear;
}
inline bool operator==(const CheckIn& a, const CheckIn& b) {
  return a.deviceId == b.deviceId && a.seq == b.seq && a.venueId == b.venueId && a.scanPointId == b.scanPointId &&
         a.person == b.person && a.direction == b.direction && a.at == b.at && a.voided == b.voided && a.sync == b.sync;
}

}  // namespace diemquet
