// seed-demo --accounts: one login per role, so a demo can be tried from every side.
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "auth/auth_service.hpp"
#include "cli/app.hpp"
#include "cli/wiring.hpp"

namespace lumbung::cli {

namespace {

struct DemoAccount {
  const char* email;
  const char* name;
  auth::Role role;
  auth::Scope scope;
};

// Makassar (73.71) stands for "a region": its units and innovations are in every demo.
std::vector<DemoAccount> demo_accounts() {
  return {
      {"admin@demo.lumbung.example", "Admin Demo", auth::Role::admin, auth::Scope::national()},
      {"kurator@demo.lumbung.example", "Kurator Demo", auth::Role::curator, auth::Scope::national()},
      {"juri@demo.lumbung.example", "Juri Demo", auth::Role::judge, auth::Scope::national()},
      {"makassar@demo.lumbung.example", "Admin Kota Makassar", auth::Role::region_admin, auth::Scope::region("73.71")},
      {"lab.makassar@demo.lumbung.example", "Penyelenggara Lab Makassar", auth::Role::lab_organizer,
       auth::Scope::region("73.71")},
  };
}

}  // namespace

std::filesystem::path demo_accounts_file(const Config& config) {
  return std::filesystem::path(config.data_dir) / "demo-accounts.txt";
}

// Creates the accounts that do not exist yet, each with a generated password,
// and appends them to <data>/demo-accounts.txt (readable by the owner only).
Status seed_demo_accounts(const Config& config, store::Database& db) {
  SystemClock clock;
  auth::AccountService accounts(db, clock, account_options(config));
  const auto path = demo_accounts_file(config);
  std::error_code ec;  // on PostgreSQL nothing else has made the data directory yet
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::app);
  if (!out) return Error(ErrorCode::unavailable, "seed-demo: cannot write " + path.string());
  ::chmod(path.c_str(), S_IRUSR | S_IWUSR);
  int created_count = 0;
  for (const auto& account : demo_accounts()) {
    auto existing = accounts.list_users(auth::UserFilter{.query = account.email});
    if (!existing) return existing.error();
    const bool exists = std::any_of(existing->begin(), existing->end(),
                                    [&](const auth::User& user) { return user.email == account.email; });
    if (exists) continue;
    auto created = accounts.create_user(account.email, account.name, {auth::Grant{account.role, account.scope}}, "",
                                        auth::Actor::system("seed-demo"));
    if (!created) return Error(created.error().code(), "seed-demo: " + created.error().message());
    const std::string line = std::string(account.email) + "  " + created->generated_password + "  (" +
                             auth::to_string(account.role) +
                             (account.scope.ref.empty() ? std::string() : " " + account.scope.ref) + ")";
    out << line << "\n";
    std::cout << "demo account: " << line << "\n";
    ++created_count;
  }
  if (!out.flush()) return Error(ErrorCode::unavailable, "seed-demo: cannot write " + path.string());
  std::cout << "demo accounts: " << (created_count > 0 ? "written to " : "already in ") << path.string() << "\n";
  return {};
}

}  // namespace lumbung::cli
