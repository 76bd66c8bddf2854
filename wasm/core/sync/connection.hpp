// What the station's top-bar pill says about reaching the server. The browser's own
// online flag says only that the phone has a network; a vendor reads a green "Trực tuyến"
// as "my scans reach the office", which is false for a phone that was never enrolled or
// whose uploads fail. One function decides, so the pill and the sync lines agree.
#pragma once
#include "sync_client.hpp"

namespace diemquet::sync {

enum class Connection {
  Offline,        // no network on the phone
  LocalOnly,      // not enrolled: check-ins stay on this phone, by choice
  Online,         // enrolled, network, the last upload did not fail
  ServerTrouble,  // enrolled, network, but the server cannot be reached or refused
  NeedsCode,      // the server no longer accepts this phone: a new enrollment code is needed
};

Connection connectionOf(bool enrolled, bool networkOnline, SyncPhase phase, SyncProblem problem);

}  // namespace diemquet::sync
