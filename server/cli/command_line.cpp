#include "command_line.hpp"

#include <boost/program_options.hpp>

namespace diemquet::server::cli {
namespace po = boost::program_options;
namespace {

struct Command {
  const char* name;  // "serve", or "admin SUB"
  std::vector<const char*> options;
  std::vector<const char*> flags = {};  // options without a value
};

// Every command and the options it takes. --db and --workers go with every command (the
// store is opened before the command runs); a new admin subcommand is added here.
const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"serve",
       {"listen", "static", "tls-cert", "tls-key", "io-threads", "retention-days", "public-url", "font-dir",
        "log-format"},
       {"access-log"}},
      {"migrate", {}},
      {"admin create-venue", {"id", "name", "area", "address", "category", "staff"}},
      {"admin set-venue-area", {"venue", "area"}},
      {"admin add-scan-point", {"venue", "id", "name"}},
      {"admin rename-scan-point", {"venue", "id", "new-id"}},
      {"admin list-venues", {}},
      {"admin issue-code", {"venue", "count", "ttl-hours"}},
      {"admin revoke-device", {"venue", "device"}},
      {"admin export", {"venue"}},
      {"admin conflicts", {"venue"}},
      {"admin create-officer", {"username", "level", "area"}},
      {"admin import-areas", {"file", "map"}},
      {"admin area-stats", {}},
      {"admin create-feed-token", {"name"}},
      {"admin purge", {"retention-days"}},
      {"admin rollup", {}},
      {"admin backup", {"out"}},
      {"admin rotate-key", {}},
      {"admin revoke-key", {"id"}},
      {"admin list-keys", {}},
      {"admin poster", {"venue", "out", "public-url", "font-dir", "from", "until"}},
  };
  return table;
}

const Command* find(const std::string& name) {
  for (const Command& c : commands())
    if (name == c.name) return &c;
  return nullptr;
}

}  // namespace

std::vector<std::string> optionsOf(const std::string& command) {
  std::vector<std::string> out;
  if (const Command* c = find(command)) {
    out = {"db", "workers"};
    for (const char* o : c->options) out.emplace_back(o);
    for (const char* f : c->flags) out.emplace_back(f);
  }
  return out;
}

ParseResult parse(int argc, const char* const* argv) {
  ParseResult r;
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty()) return r;  // the caller prints the usage
  if (words[0] == "help" || words[0] == "--help" || words[0] == "-h") {
    r.helpAsked = true;
    return r;
  }
  // The command comes first ("admin" takes its subcommand next), then its options.
  std::string name = words[0];
  size_t first = 1;
  r.args.positional.push_back(words[0]);
  if (words[0] == "admin") {
    if (words.size() < 2 || words[1].rfind("-", 0) == 0) {
      r.error = "admin needs a subcommand";
      return r;
    }
    name += " " + words[1];
    r.args.positional.push_back(words[1]);
    first = 2;
  }
  const Command* c = find(name);
  if (!c) {
    r.error =
        words[0] == "admin" ? "unknown admin subcommand '" + words[1] + "'" : "unknown command '" + words[0] + "'";
    return r;
  }
  po::options_description desc;
  desc.add_options()("db", po::value<std::string>())("workers", po::value<std::string>())("help", po::bool_switch());
  for (const char* o : c->options) desc.add_options()(o, po::value<std::string>());
  for (const char* f : c->flags) desc.add_options()(f, po::bool_switch());
  std::vector<std::string> rest(words.begin() + long(first), words.end());
  po::variables_map vm;
  try {
    // No guessing: "--ven" must not quietly mean "--venue". No positional arguments after the
    // command, no short options.
    const int style = po::command_line_style::allow_long | po::command_line_style::long_allow_adjacent |
                      po::command_line_style::long_allow_next;
    const po::positional_options_description none;  // a stray word is an error, never ignored
    po::store(po::command_line_parser(rest).options(desc).positional(none).style(style).run(), vm);
  } catch (const po::error& e) {
    r.error = e.what();
    r.error += " (" + name + " takes:";
    for (const std::string& o : optionsOf(name)) r.error += " --" + o;
    r.error += ")";
    return r;
  }
  for (const auto& [key, value] : vm) {
    if (value.value().type() == typeid(bool)) {
      if (value.as<bool>()) r.args.opts[key] = "1";
    } else {
      r.args.opts[key] = value.as<std::string>();
    }
  }
  r.helpAsked = r.args.has("help");
  return r;
}

}  // namespace diemquet::server::cli
