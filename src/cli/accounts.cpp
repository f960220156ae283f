// lumbung user add, lumbung token create: accounts and API tokens from the shell.
#include <iostream>

#include "auth/auth_service.hpp"
#include "cli/app.hpp"
#include "cli/wiring.hpp"

namespace lumbung::cli {

namespace {

Result<auth::Grant> grant_from(const std::string& role_text, const std::string& scope_text) {
  auto role = auth::parse_role(role_text);
  if (!role) return Error(ErrorCode::invalid, "unknown role '" + role_text + "' (one of participant, coach, "
                                              "lab_organizer, region_admin, curator, judge, admin)");
  auto scope = auth::parse_scope(scope_text);
  if (!scope) return Error(ErrorCode::invalid, "unknown scope '" + scope_text + "' (national, region:CODE, lab:ID, unit:ID)");
  auth::Grant grant{*role, *scope};
  if (auto s = auth::validate_grant(grant); !s)
    return Error(ErrorCode::invalid, "role " + role_text + " does not go with scope " + scope_text);
  return grant;
}

std::string describe(const Error& e) {
  std::string out = e.message();
  for (const auto& f : e.fields()) out += "\n  " + f.field + ": " + f.key;
  return out;
}

}  // namespace

int run_user_add(const Config& config, const UserAddOptions& o) {
  auto grant = grant_from(o.role, o.scope);
  if (!grant) return fail(grant.error());
  std::string password;
  if (o.password_stdin && !std::getline(std::cin, password))
    return fail(Error(ErrorCode::invalid, "user add: no password on standard input"));
  auto log = make_logger("lumbung", config.log_level);
  auto db = open_database(config, log, /*migrate=*/true);
  if (!db) return fail(db.error());
  SystemClock clock;
  auth::AccountService accounts(**db, clock, account_options(config));
  auto created = accounts.create_user(o.email, o.name, {*grant}, password, auth::Actor::system("cli"));
  if (!created) return fail(Error(created.error().code(), "user add: " + describe(created.error())));
  std::cout << "user " << created->user.id << " " << created->user.email << " (" << o.role << ", " << o.scope
            << ")\n";
  if (!created->generated_password.empty())
    std::cout << "password (shown once): " << created->generated_password << "\n";
  return 0;
}

int run_token_create(const Config& config, const TokenCreateOptions& o) {
  auto grant = grant_from(o.role, o.scope);
  if (!grant) return fail(grant.error());
  auto log = make_logger("lumbung", config.log_level);
  auto db = open_database(config, log, /*migrate=*/true);
  if (!db) return fail(db.error());
  SystemClock clock;
  auth::AccountService accounts(**db, clock, account_options(config));
  auto created = accounts.create_token(auth::Actor::system("cli"), o.name, grant->role, grant->scope);
  if (!created) return fail(Error(created.error().code(), "token create: " + describe(created.error())));
  std::cout << created->raw << "\n";
  std::cerr << "token " << created->token.id << " '" << o.name << "' (" << o.role << ", " << o.scope
            << "): shown once, store it now\n";
  return 0;
}

}  // namespace lumbung::cli
