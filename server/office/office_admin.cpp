// The office's admin subcommands: create-officer (Argon2id hash; the password is read from
// stdin, or generated and printed once), create-feed-token (printed once, stored hashed),
// purge (the retention purge, on demand), rollup (the weekly report's roll-up, on demand).
#include <unistd.h>

#include <iostream>

#include "../areas/area_import.hpp"
#include "common/secrets.hpp"
#include "office_api.hpp"
#include "office_db.hpp"
#include "passwords.hpp"

namespace diemquet::server::office {

int adminCommand(const std::string& cmd, const std::function<std::string(const std::string&)>& opt, Store& store,
                 int64_t nowMs) {
  if (cmd == "create-officer") {
    const std::string user = opt("username"), levelText = opt("level"), area = opt("area");
    AreaLevel level;
    if (user.empty() || user.size() > 64 || !areaLevelFromString(levelText, level) || area.empty()) {
      std::cerr << "error: create-officer needs --username U --level ward|district|province --area CODE\n";
      return 2;
    }
    const Area* a = findArea(area);
    if (!a || a->level != level) {
      std::cerr << "error: --area " << area << " is not a known " << levelText << " code\n";
      return 2;
    }
    std::string password;
    bool generated = false;
    if (!isatty(0)) std::getline(std::cin, password);
    while (!password.empty() && (password.back() == '\r' || password.back() == '\n')) password.pop_back();
    if (password.empty()) {
      password = generatePassword();
      generated = true;
    } else if (password.size() < 10) {
      std::cerr << "error: the password needs at least 10 characters\n";
      return 2;
    }
    const std::string hash = hashPassword(password);
    if (hash.empty()) {
      std::cerr << "error: hashing the password failed\n";
      return 1;
    }
    if (auto r = store.putOfficer(OfficerRow{user, levelText, area, hash, nowMs, false}); !r) {
      std::cerr << "error: " << r.error().message << "\n";
      return 1;
    }
    std::cout << "officer " << user << " (" << levelText << " " << area << " " << a->name << ")\n";
    if (generated) std::cout << "password: " << password << "\n";
    return 0;
  }
  if (cmd == "create-feed-token") {
    const std::string name = opt("name");
    if (name.empty()) {
      std::cerr << "error: create-feed-token needs --name NAME\n";
      return 2;
    }
    std::string token = newDeviceToken();
    if (auto r = store.addFeedToken(sha256Hex(token), name, nowMs); !r) {
      std::cerr << "error: " << r.error().message << "\n";
      return 1;
    }
    std::cout << token << "\n";
    return 0;
  }
  if (cmd == "purge") {
    int days = retentionDays();
    if (!opt("retention-days").empty()) days = std::atoi(opt("retention-days").c_str());
    if (days < 1) {
      std::cerr << "error: --retention-days must be at least 1\n";
      return 2;
    }
    auto n = purge(store, nowMs, days);
    if (!n) {
      std::cerr << "error: " << n.error().message << "\n";
      return 1;
    }
    std::cout << "deleted " << n.value() << " check-ins older than " << days << " days\n";
    return 0;
  }
  if (cmd == "rollup") {
    auto r = rollUp(store, nowMs);
    if (!r) {
      std::cerr << "error: " << r.error().message << "\n";
      return 1;
    }
    std::cout << "rolled up the days before " << formatDay(r->throughDay * kDayMs - kVietnamOffsetMs) << ": "
              << r->counted << " venue-days counted, " << r->recomputed << " counted again\n";
    return 0;
  }
  return areas::adminCommand(cmd, opt, store, nowMs);  // import-areas, area-stats
}

}  // namespace diemquet::server::office
