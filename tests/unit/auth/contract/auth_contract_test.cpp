// The accounts store contract, written once and run on SQLite and PostgreSQL:
// migration 0002, users and grants, sessions, tokens, audit filters and the
// rate-limit upsert.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "auth/audit.hpp"
#include "auth/auth_store.hpp"
#include "unit/auth/auth_fixture.hpp"

namespace lumbung::auth {
namespace {

using test_support::kIp;
using test_support::kPassword;
using test_support::kUa;
using test_support::region_of;

class AuthContract : public ::testing::TestWithParam<std::string>, protected test_support::AuthFixture {
 protected:
  void SetUp() override { open(GetParam()); }
};

TEST_P(AuthContract, MigrationCreatesEveryTable) {
  for (const char* table : {"users", "user_grants", "sessions", "invites", "password_resets", "api_tokens", "audit_log",
                            "mail_outbox", "rate_limits"}) {
    EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM ") + table), 0) << table;
  }
  auto again = store::migrate(*db_, test::source_migrations_dir());
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_TRUE(again->applied.empty());
}

TEST_P(AuthContract, UsersRoundTripWithGrants) {
  const std::vector<Grant> grants = {{Role::region_admin, Scope::region("73.72")},
                                     {Role::coach, Scope::lab("12")},
                                     {Role::participant, Scope::unit("345")}};
  auto created = svc().create_user("Siti@Parepare.go.id", "Siti Nurhaliza ✓", grants, kPassword, Actor::system());
  ASSERT_TRUE(created.ok()) << created.error().message();
  auto got = svc().get_user(created->user.id);
  ASSERT_TRUE(got.ok()) << got.error().message();
  EXPECT_EQ(got->email, "siti@parepare.go.id");
  EXPECT_EQ(got->name, "Siti Nurhaliza ✓");
  EXPECT_TRUE(got->active);
  EXPECT_EQ(got->created_at, clock_.now());
  EXPECT_EQ(got->grants.size(), 3u);
  for (const auto& g : grants) {
    EXPECT_NE(std::find(got->grants.begin(), got->grants.end(), g), got->grants.end()) << format_scope(g.scope);
  }
  auto dup = svc().create_user("SITI@parepare.go.id", "Siti", {}, kPassword, Actor::system());
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::conflict);
  EXPECT_EQ(svc().get_user(9999).error().code(), ErrorCode::not_found);
}

TEST_P(AuthContract, UniqueEmailIsEnforcedByTheSchema) {
  make_user("siti@parepare.go.id", {});
  auto st = db_->transact("dup", [&](soci::session& sql) -> Status {
    store_sql::insert_user(sql, User{999, "siti@parepare.go.id", "Dup", true, {}, 1, 1}, "");
    return {};
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code(), ErrorCode::conflict);
}

TEST_P(AuthContract, LoginSessionLifecycle) {
  const User u = make_user("siti@parepare.go.id", {{Role::participant, Scope::unit("345")}});
  auto s = svc().login(u.email, kPassword, kIp, kUa);
  ASSERT_TRUE(s.ok()) << s.error().message();
  auto auth = svc().authenticate_session(s->raw_id, kIp);
  ASSERT_TRUE(auth.ok()) << auth.error().message();
  EXPECT_EQ(auth->user.id, u.id);
  EXPECT_EQ(auth->session.user_agent, kUa);
  EXPECT_EQ(auth->csrf_token, s->csrf_token);
  auto sessions = svc().list_sessions(u.id);
  ASSERT_TRUE(sessions.ok());
  ASSERT_EQ(sessions->size(), 1u);
  EXPECT_EQ(sessions->front().id_hash, sha256_hex(s->raw_id));
  clock_.advance(120);
  ASSERT_TRUE(svc().authenticate_session(s->raw_id, "10.1.1.1").ok());
  EXPECT_EQ(count("SELECT last_seen_at FROM sessions"), clock_.now());
  ASSERT_TRUE(svc().logout(s->raw_id).ok());
  EXPECT_EQ(svc().authenticate_session(s->raw_id, kIp).error().code(), ErrorCode::unauthenticated);
  clock_.advance(svc().options().session_idle_seconds);
  auto t = svc().login(u.email, kPassword, kIp, kUa);
  ASSERT_TRUE(t.ok());
  clock_.advance(svc().options().session_idle_seconds);
  EXPECT_EQ(svc().authenticate_session(t->raw_id, kIp).error().code(), ErrorCode::unauthenticated);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0);
}

TEST_P(AuthContract, HostileInputIsStoredSafely) {
  const User u = make_user("siti@parepare.go.id", {}, "<b>Siti</b> ✓");
  const std::string bad_utf8 = "\xff\xfe\xc0";
  auto wrong = svc().login("x" + bad_utf8 + "@x.id", "salah-salah-salah", bad_utf8, bad_utf8);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code(), ErrorCode::unauthenticated) << wrong.error().message();
  auto s = svc().login(u.email, kPassword, "10.0.0.1\n" + bad_utf8, "Mozilla ✓ " + std::string(5000, 'x'));
  ASSERT_TRUE(s.ok()) << s.error().message();
  auto auth = svc().authenticate_session(s->raw_id, kIp);
  ASSERT_TRUE(auth.ok()) << auth.error().message();
  EXPECT_EQ(auth->user.name, "<b>Siti</b> ✓");
  EXPECT_EQ(auth->session.ip, "10.0.0.1????");
  EXPECT_EQ(auth->session.user_agent.size(), 512u);
  EXPECT_EQ(auth->session.user_agent.rfind("Mozilla ??? x", 0), 0u);
  EXPECT_EQ(svc().authenticate_session(bad_utf8, bad_utf8).error().code(), ErrorCode::unauthenticated);
  EXPECT_EQ(svc().authenticate_token("lbg_" + bad_utf8, bad_utf8).error().code(), ErrorCode::unauthenticated);
}

TEST_P(AuthContract, BruteForceWindow) {
  const User u = make_user("siti@parepare.go.id", {});
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(svc().login(u.email, "salah-salah-salah", kIp, kUa).error().code(), ErrorCode::unauthenticated);
  }
  auto refused = svc().login(u.email, kPassword, kIp, kUa);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::too_many);
  EXPECT_EQ(retry_after_seconds(refused.error()), 60);
  clock_.advance(61);
  EXPECT_TRUE(svc().login(u.email, kPassword, kIp, kUa).ok());
}

TEST_P(AuthContract, RateLimitUpsertCreatesThenUpdates) {
  auto run = [&](RateWindow w) {
    return db_->transact("rate", [&](soci::session& sql) -> Result<std::optional<RateWindow>> {
      auto cur = store_sql::lock_rate(sql, "b");
      if (!store_sql::write_rate(sql, "b", cur.has_value(), w)) return make_error(ErrorCode::conflict, "lost");
      return store_sql::lock_rate(sql, "b");
    });
  };
  auto first = run({100, 1});
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(*first, (RateWindow{100, 1}));
  auto second = run({100, 2});
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_EQ(*second, (RateWindow{100, 2}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM rate_limits"), 1);
  // An insert racing an existing row reports it instead of failing.
  auto lost = db_->transact("rate", [&](soci::session& sql) -> Result<bool> {
    return store_sql::write_rate(sql, "b", false, RateWindow{1, 1});
  });
  ASSERT_TRUE(lost.ok()) << lost.error().message();
  EXPECT_FALSE(*lost);
}

TEST_P(AuthContract, ConcurrentFailuresAreAllCounted) {
  make_user("siti@parepare.go.id", {});
  auto other = target_->open(4);
  ASSERT_TRUE(other.ok()) << other.error().message();
  AccountService second(**other, clock_, test_support::fast_options());
  std::atomic<int> unauthenticated{0}, too_many{0};
  std::mutex m;
  std::vector<std::string> unexpected;
  auto attack = [&](AccountService& s) {
    for (int i = 0; i < 4; ++i) {
      auto r = s.login("siti@parepare.go.id", "salah-salah-salah", kIp, kUa);
      if (r.error().code() == ErrorCode::unauthenticated) ++unauthenticated;
      if (r.error().code() == ErrorCode::too_many) ++too_many;
      if (r.error().code() != ErrorCode::unauthenticated && r.error().code() != ErrorCode::too_many) {
        std::lock_guard<std::mutex> lock(m);
        unexpected.push_back(r.error().message());
      }
    }
  };
  std::thread a([&] { attack(svc()); });
  std::thread b([&] { attack(second); });
  a.join();
  b.join();
  // 8 attempts, at most 5 ever reach the password check.
  EXPECT_EQ(unauthenticated.load(), 5);
  EXPECT_EQ(too_many.load(), 3);
  EXPECT_TRUE(unexpected.empty()) << unexpected.front();
  EXPECT_EQ(count("SELECT count FROM rate_limits WHERE bucket = 'login:email:siti@parepare.go.id'"), 5);
}

TEST_P(AuthContract, ApiTokens) {
  const User admin = make_user("admin@x.id", {{Role::admin, Scope::national()}});
  auto t = svc().create_token(Actor::of(admin), "Impor KIPP", Role::curator, Scope::national());
  ASSERT_TRUE(t.ok()) << t.error().message();
  auto a = svc().authenticate_token(t->raw, kIp);
  ASSERT_TRUE(a.ok()) << a.error().message();
  EXPECT_EQ(a->name, "Impor KIPP");
  EXPECT_EQ(a->scope, Scope::national());
  EXPECT_EQ(a->created_by, admin.id);
  auto listed = svc().list_tokens();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().last_used_at, clock_.now());
  EXPECT_FALSE(listed->front().revoked_at.has_value());
  ASSERT_TRUE(svc().revoke_token(Actor::of(admin), t->token.id).ok());
  EXPECT_EQ(svc().authenticate_token(t->raw, kIp).error().code(), ErrorCode::unauthenticated);
}

TEST_P(AuthContract, InviteAndResetFlows) {
  const User pa = make_user("pa@parepare.go.id", {{Role::region_admin, Scope::region("73.72")}});
  auto inv =
      svc().invite(Actor::of(pa), "baru@parepare.go.id", "Andi", Role::participant, Scope::unit("345"), region_of);
  ASSERT_TRUE(inv.ok()) << inv.error().message();
  auto s = svc().accept_invite(inv->raw_token, "sandi-baru-yang-kuat", kIp, kUa);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(svc().accept_invite(inv->raw_token, "sandi-baru-yang-kuat", kIp, kUa).error().code(), ErrorCode::not_found);
  auto reset = svc().request_password_reset("baru@parepare.go.id", kIp);
  ASSERT_TRUE(reset.ok() && reset->has_value());
  ASSERT_TRUE(svc().reset_password(**reset, "sandi-ketiga-yang-kuat").ok());
  EXPECT_FALSE(svc().authenticate_session(s->raw_id, kIp).ok());
  EXPECT_EQ(svc().reset_password(**reset, "sandi-keempat-kuat").error().code(), ErrorCode::not_found);
  auto mail = svc().list_mail_outbox(10);
  ASSERT_TRUE(mail.ok());
  ASSERT_EQ(mail->size(), 2u);
  EXPECT_EQ(mail->front().kind, "password_reset");
  EXPECT_FALSE(mail->front().sent_at.has_value());
}

TEST_P(AuthContract, ListUsersFiltersPortably) {
  make_user("siti@parepare.go.id", {{Role::region_admin, Scope::region("73.72")}}, "Siti Nurhaliza");
  make_user("andi@makassar.go.id", {{Role::region_admin, Scope::region("73.71")}}, "ANDI Baso");
  auto r = svc().list_users({.query = "andi", .role = Role::region_admin, .region = "73.71", .active = true});
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->front().email, "andi@makassar.go.id");
  auto none = svc().list_users({.query = "%"});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_P(AuthContract, AuditFilters) {
  auto add = [&](std::int64_t actor, const char* action, const char* entity, const char* id, std::int64_t at) {
    AuditRecord r{0, actor, "a" + std::to_string(actor), action, entity, id, "{}", "{\"x\":1}", kIp, at};
    auto st = db_->transact("audit", [&](soci::session& sql) { return append_audit(sql, r); });
    ASSERT_TRUE(st.ok()) << st.error().message();
  };
  add(1, "user.create", "user", "10", 100);
  add(1, "user.invite", "invite", "1", 200);
  add(2, "user.create", "user", "11", 300);
  add(0, "user.deactivate", "user", "10", 400);
  auto ids = [&](const AuditFilter& f) {
    std::vector<std::int64_t> out;
    auto rows = db_->transact("list", [&](soci::session& sql) { return list_audit(sql, f); });
    EXPECT_TRUE(rows.ok()) << rows.error().message();
    if (rows.ok()) {
      for (const auto& r : *rows) out.push_back(r.at);
    }
    return out;
  };
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(ids({}), (V{400, 300, 200, 100}));
  EXPECT_EQ(ids({.actor = 1}), (V{200, 100}));
  EXPECT_EQ(ids({.actor = 0}), (V{400}));
  EXPECT_EQ(ids({.entity = "user", .entity_id = "10"}), (V{400, 100}));
  EXPECT_EQ(ids({.action = "user.create"}), (V{300, 100}));
  EXPECT_EQ(ids({.from = 200, .to = 400}), (V{300, 200}));
  EXPECT_EQ(ids({.limit = 2}), (V{400, 300}));
  auto all = db_->transact("list", [&](soci::session& sql) { return list_audit(sql, AuditFilter{}); });
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(ids({.limit = 2, .before_id = (*all)[1].id}), (V{200, 100}));
  EXPECT_EQ((*all)[0].after_json, "{\"x\":1}");
  EXPECT_EQ((*all)[0].actor_label, "a0");
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::auth
