// A migrated test database (SQLite or PostgreSQL) with an AccountService on a
// FakeClock and the cheapest argon2id limits, for the auth suites.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "auth/auth_service.hpp"
#include "core/clock.hpp"
#include "store/migrate.hpp"
#include "support/test_db.hpp"

namespace lumbung::auth::test_support {

inline AccountOptions fast_options() {
  AccountOptions o;
  o.pwhash = PwhashLimits::minimum();
  return o;
}

inline const std::string kPassword = "kata-sandi-rahasia-1";
inline const std::string kIp = "10.0.0.1";
inline const std::string kUa = "test-agent";

// Kota Parepare and Kota Makassar; labs 12 and units 345 are in Parepare.
inline std::optional<std::string> region_of(const Scope& s) {
  if (s == Scope::lab("12") || s == Scope::unit("345")) return std::string("73.72");
  if (s == Scope::lab("13") || s == Scope::unit("346")) return std::string("73.71");
  return std::nullopt;
}

class AuthFixture {
 protected:
  // Call from SetUp(); skips (or fails in CI) when the engine is unavailable.
  void open(const std::string& engine) {
    LUMBUNG_TEST_DATABASE_OR_SKIP(target_, engine);
    auto db = target_->open();
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(*db);
    auto report = store::migrate(*db_, test::source_migrations_dir());
    ASSERT_TRUE(report.ok()) << report.error().message();
    service_ = std::make_unique<AccountService>(*db_, clock_, fast_options());
  }

  AccountService& svc() { return *service_; }

  // A user with `grants` and kPassword, created by the system actor.
  User make_user(const std::string& email, std::vector<Grant> grants, const std::string& name = "Pengguna Uji") {
    auto created = service_->create_user(email, name, grants, kPassword, Actor::system());
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message());
    return created.ok() ? created->user : User{};
  }

  long long count(const std::string& sql_text) {
    auto lease = db_->acquire();
    long long n = -1;
    *lease << sql_text, soci::into(n);
    return n;
  }

  // Every audit row's JSON and labels concatenated, to grep for secrets.
  std::string all_audit_text() {
    auto rows = service_->list_audit(AuditFilter{.limit = 500});
    EXPECT_TRUE(rows.ok());
    std::string all;
    if (!rows.ok()) return all;
    for (const auto& r : *rows) {
      all += r.actor_label + "|" + r.action + "|" + r.entity + "|" + r.entity_id + "|" + r.before_json + "|" +
             r.after_json + "|" + r.ip + "\n";
    }
    return all;
  }

  FakeClock clock_;
  std::unique_ptr<test::TestDatabase> target_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<AccountService> service_;
};

}  // namespace lumbung::auth::test_support
