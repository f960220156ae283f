// AccountService use cases on SQLite (the store-facing parts also run on
// PostgreSQL in contract/auth_contract_test.cpp).
#include <gtest/gtest.h>

#include "unit/auth/auth_fixture.hpp"

namespace lumbung::auth {
namespace {

using test_support::kIp;
using test_support::kPassword;
using test_support::kUa;
using test_support::region_of;

std::string key_of(const Error& e) { return e.fields().empty() ? "" : e.fields().front().key; }

class AccountServiceTest : public ::testing::Test, protected test_support::AuthFixture {
 protected:
  void SetUp() override { open("sqlite"); }

  const std::vector<Grant> admin_ = {{Role::admin, Scope::national()}};
  const std::vector<Grant> parepare_ = {{Role::region_admin, Scope::region("73.72")}};
};

// ---- create_user ----

TEST_F(AccountServiceTest, CreateUserNormalisesAndGeneratesPassword) {
  auto created = svc().create_user("  Siti@Parepare.GO.id ", "Siti Nurhaliza ✓", parepare_, "", Actor::system());
  ASSERT_TRUE(created.ok()) << created.error().message();
  EXPECT_EQ(created->user.email, "siti@parepare.go.id");
  EXPECT_EQ(created->user.name, "Siti Nurhaliza ✓");
  ASSERT_GE(created->generated_password.size(), 20u);
  auto s = svc().login("siti@parepare.go.id", created->generated_password, kIp, kUa);
  ASSERT_TRUE(s.ok()) << s.error().message();
  auto again = svc().create_user("SITI@parepare.go.id", "Lain", {}, kPassword, Actor::system());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::conflict);
  EXPECT_EQ(key_of(again.error()), "error.email_taken");
}

TEST_F(AccountServiceTest, CreateUserReportsEveryBadField) {
  auto bad = svc().create_user("not-an-email", "", {}, "short", Actor::system());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::invalid);
  std::vector<std::string> keys;
  for (const auto& f : bad.error().fields()) keys.push_back(f.field + "=" + f.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"email=error.email", "name=error.name_required"}));
  auto long_name = svc().create_user("a@b.id", std::string(10000, 'x'), {}, kPassword, Actor::system());
  ASSERT_FALSE(long_name.ok());
  EXPECT_EQ(key_of(long_name.error()), "error.name_long");
  auto control = svc().create_user("a@b.id", "Siti\x1b[31m", {}, kPassword, Actor::system());
  ASSERT_FALSE(control.ok());
  EXPECT_EQ(key_of(control.error()), "error.name_invalid");
  auto weak = svc().create_user("a@b.id", "Andi", {}, "a@b.id", Actor::system());
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(key_of(weak.error()), "error.password_short");
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 0);
}

TEST_F(AccountServiceTest, MarkupInNameIsStoredAsIs) {
  const User u = make_user("x@y.id", {}, "<script>alert(1)</script>");
  auto got = svc().get_user(u.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "<script>alert(1)</script>");
}

TEST_F(AccountServiceTest, RegionAdminCannotCreateUsersOutsideRegion) {
  const User pa = make_user("pa@parepare.go.id", parepare_);
  auto out = svc().create_user("m@makassar.go.id", "M", {{Role::participant, Scope::region("73.71")}}, kPassword,
                               Actor::of(pa), region_of);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), ErrorCode::forbidden);
  auto in = svc().create_user("p@parepare.go.id", "P", {{Role::participant, Scope::unit("345")}}, kPassword,
                              Actor::of(pa), region_of);
  EXPECT_TRUE(in.ok()) << in.error().message();
}

// ---- login and sessions ----

TEST_F(AccountServiceTest, LoginGivesAFreshSessionIdEveryTime) {
  const User u = make_user("siti@parepare.go.id", parepare_);
  auto a = svc().login("siti@parepare.go.id", kPassword, kIp, kUa);
  auto b = svc().login("SITI@parepare.go.id ", kPassword, kIp, kUa);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->raw_id, b->raw_id);
  EXPECT_NE(a->csrf_token, b->csrf_token);
  auto auth = svc().authenticate_session(b->raw_id, kIp);
  ASSERT_TRUE(auth.ok()) << auth.error().message();
  EXPECT_EQ(auth->user.id, u.id);
  EXPECT_EQ(auth->user.grants, parepare_);
  EXPECT_EQ(auth->csrf_token, b->csrf_token);
  // The stored id is the hash, never the raw id.
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE id_hash = '" + a->raw_id + "'"), 0);
}

TEST_F(AccountServiceTest, SessionIdFromBeforeLoginDoesNotAuthenticate) {
  make_user("siti@parepare.go.id", parepare_);
  const std::string planted = random_token();  // an attacker-chosen cookie value
  auto s = svc().login("siti@parepare.go.id", kPassword, kIp, kUa);
  ASSERT_TRUE(s.ok());
  EXPECT_NE(s->raw_id, planted);
  auto auth = svc().authenticate_session(planted, kIp);
  ASSERT_FALSE(auth.ok());
  EXPECT_EQ(auth.error().code(), ErrorCode::unauthenticated);
}

TEST_F(AccountServiceTest, WrongEmailAndWrongPasswordLookTheSame) {
  make_user("siti@parepare.go.id", parepare_);
  auto wrong_pw = svc().login("siti@parepare.go.id", "salah-salah-salah", kIp, kUa);
  auto no_user = svc().login("nobody@parepare.go.id", "salah-salah-salah", kIp, kUa);
  auto bad_email = svc().login("nobody", "salah-salah-salah", kIp, kUa);
  for (const auto* r : {&wrong_pw, &no_user, &bad_email}) {
    ASSERT_FALSE(r->ok());
    EXPECT_EQ(r->error().code(), ErrorCode::unauthenticated);
    EXPECT_EQ(r->error().message(), wrong_pw.error().message());
    EXPECT_EQ(key_of(r->error()), "error.login_failed");
  }
}

TEST_F(AccountServiceTest, IdleSessionExpires) {
  make_user("siti@parepare.go.id", parepare_);
  auto s = svc().login("siti@parepare.go.id", kPassword, kIp, kUa);
  ASSERT_TRUE(s.ok());
  clock_.advance(svc().options().session_idle_seconds - 1);
  ASSERT_TRUE(svc().authenticate_session(s->raw_id, kIp).ok());  // refreshes last_seen_at
  clock_.advance(svc().options().session_idle_seconds - 1);
  ASSERT_TRUE(svc().authenticate_session(s->raw_id, kIp).ok());
  clock_.advance(svc().options().session_idle_seconds);
  auto expired = svc().authenticate_session(s->raw_id, kIp);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code(), ErrorCode::unauthenticated);
  EXPECT_EQ(key_of(expired.error()), "error.session_expired");
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0);
}

TEST_F(AccountServiceTest, AbsoluteLifetimeEndsEvenABusySession) {
  make_user("siti@parepare.go.id", parepare_);
  auto s = svc().login("siti@parepare.go.id", kPassword, kIp, kUa);
  ASSERT_TRUE(s.ok());
  const auto step = svc().options().session_idle_seconds / 2;
  std::int64_t elapsed = 0;
  while (elapsed + step < svc().options().session_absolute_seconds) {
    clock_.advance(step);
    elapsed += step;
    ASSERT_TRUE(svc().authenticate_session(s->raw_id, kIp).ok()) << elapsed;
  }
  clock_.advance(svc().options().session_absolute_seconds - elapsed);
  EXPECT_FALSE(svc().authenticate_session(s->raw_id, kIp).ok());
}

TEST_F(AccountServiceTest, LastSeenIsWrittenAtMostOncePerMinute) {
  make_user("siti@parepare.go.id", parepare_);
  auto s = svc().login("siti@parepare.go.id", kPassword, kIp, kUa);
  ASSERT_TRUE(s.ok());
  const auto t0 = clock_.now();
  clock_.advance(30);
  auto a = svc().authenticate_session(s->raw_id, "10.9.9.9");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->session.last_seen_at, t0);
  EXPECT_EQ(count("SELECT last_seen_at FROM sessions"), t0);
  clock_.advance(30);
  auto b = svc().authenticate_session(s->raw_id, "10.9.9.9");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->session.last_seen_at, t0 + 60);
  EXPECT_EQ(count("SELECT last_seen_at FROM sessions"), t0 + 60);
}

TEST_F(AccountServiceTest, LogoutInvalidatesTheSession) {
  make_user("siti@parepare.go.id", parepare_);
  auto s = svc().login("siti@parepare.go.id", kPassword, kIp, kUa);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(svc().logout(s->raw_id).ok());
  EXPECT_FALSE(svc().authenticate_session(s->raw_id, kIp).ok());
  EXPECT_TRUE(svc().logout(s->raw_id).ok());  // twice is fine
}

TEST_F(AccountServiceTest, UsersEndOnlyTheirOwnSessions) {
  const User a = make_user("a@parepare.go.id", parepare_);
  const User b = make_user("b@parepare.go.id", parepare_);
  auto a1 = svc().login(a.email, kPassword, kIp, kUa);
  auto a2 = svc().login(a.email, kPassword, kIp, kUa);
  auto a3 = svc().login(a.email, kPassword, kIp, kUa);
  auto b1 = svc().login(b.email, kPassword, kIp, kUa);
  ASSERT_TRUE(a1.ok() && a2.ok() && a3.ok() && b1.ok());
  auto listed = svc().list_sessions(a.id);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 3u);
  const std::string b1_hash = sha256_hex(b1->raw_id);
  auto foreign = svc().end_session(a.id, b1_hash);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code(), ErrorCode::not_found);
  EXPECT_TRUE(svc().authenticate_session(b1->raw_id, kIp).ok());
  ASSERT_TRUE(svc().end_session(a.id, sha256_hex(a2->raw_id)).ok());
  EXPECT_FALSE(svc().authenticate_session(a2->raw_id, kIp).ok());
  auto ended = svc().end_other_sessions(a.id, sha256_hex(a1->raw_id));
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(*ended, 1);
  EXPECT_TRUE(svc().authenticate_session(a1->raw_id, kIp).ok());
  EXPECT_FALSE(svc().authenticate_session(a3->raw_id, kIp).ok());
  EXPECT_TRUE(svc().authenticate_session(b1->raw_id, kIp).ok());
}

// ---- brute force ----

TEST_F(AccountServiceTest, SixthAttemptIsRefusedEvenWithTheRightPassword) {
  make_user("siti@parepare.go.id", parepare_);
  for (int i = 0; i < 5; ++i) {
    auto r = svc().login("siti@parepare.go.id", "salah-salah-" + std::to_string(i), kIp, kUa);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().code(), ErrorCode::unauthenticated) << i;
    clock_.advance(1);
  }
  auto sixth = svc().login("siti@parepare.go.id", kPassword, kIp, kUa);
  ASSERT_FALSE(sixth.ok());
  EXPECT_EQ(sixth.error().code(), ErrorCode::too_many);
  EXPECT_EQ(key_of(sixth.error()), "error.too_many_attempts");
  ASSERT_TRUE(retry_after_seconds(sixth.error()).has_value());
  EXPECT_EQ(*retry_after_seconds(sixth.error()), 55);
  clock_.advance(61);
  auto later = svc().login("siti@parepare.go.id", kPassword, kIp, kUa);
  EXPECT_TRUE(later.ok()) << later.error().message();
}

TEST_F(AccountServiceTest, SuccessfulLoginsDoNotUseUpTheLimit) {
  make_user("siti@parepare.go.id", parepare_);
  for (int i = 0; i < 12; ++i) {
    auto r = svc().login("siti@parepare.go.id", kPassword, kIp, kUa);
    ASSERT_TRUE(r.ok()) << i << ": " << r.error().message();
  }
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(svc().login("siti@parepare.go.id", "salah-salah-x", kIp, kUa).ok());
  EXPECT_TRUE(svc().login("siti@parepare.go.id", kPassword, kIp, kUa).ok());  // resets the account count
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(svc().login("siti@parepare.go.id", "salah-salah-x", kIp, kUa).ok());
  EXPECT_EQ(svc().login("siti@parepare.go.id", kPassword, kIp, kUa).error().code(), ErrorCode::too_many);
}

TEST_F(AccountServiceTest, OneAddressCannotSprayManyAccounts) {
  make_user("siti@parepare.go.id", parepare_);
  for (int i = 0; i < 20; ++i) {
    auto r = svc().login("u" + std::to_string(i) + "@x.id", "salah-salah-x", "10.6.6.6", kUa);
    ASSERT_EQ(r.error().code(), ErrorCode::unauthenticated) << i;
  }
  auto blocked = svc().login("siti@parepare.go.id", kPassword, "10.6.6.6", kUa);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code(), ErrorCode::too_many);
  EXPECT_TRUE(svc().login("siti@parepare.go.id", kPassword, kIp, kUa).ok());  // other addresses are fine
}

// ---- invites ----

TEST_F(AccountServiceTest, InviteAcceptLogsIn) {
  const User pa = make_user("pa@parepare.go.id", parepare_);
  auto inv = svc().invite(Actor::of(pa, kIp), "Baru@Parepare.go.id", "Andi Baru", Role::participant, Scope::unit("345"),
                          region_of);
  ASSERT_TRUE(inv.ok()) << inv.error().message();
  EXPECT_EQ(inv->invite.email, "baru@parepare.go.id");
  EXPECT_EQ(inv->invite.expires_at, clock_.now() + 7 * 24 * 3600);
  auto mail = svc().list_mail_outbox(10);
  ASSERT_TRUE(mail.ok());
  ASSERT_EQ(mail->size(), 1u);
  EXPECT_EQ(mail->front().to_email, "baru@parepare.go.id");
  EXPECT_EQ(mail->front().kind, "invite");
  EXPECT_NE(mail->front().body_text.find("/undangan/" + inv->raw_token), std::string::npos);
  auto found = svc().find_invite(inv->raw_token);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->role, Role::participant);
  auto s = svc().accept_invite(inv->raw_token, "sandi-baru-yang-kuat", kIp, kUa);
  ASSERT_TRUE(s.ok()) << s.error().message();
  auto auth = svc().authenticate_session(s->raw_id, kIp);
  ASSERT_TRUE(auth.ok());
  EXPECT_EQ(auth->user.email, "baru@parepare.go.id");
  EXPECT_EQ(auth->user.name, "Andi Baru");
  EXPECT_EQ(auth->user.grants, (std::vector<Grant>{{Role::participant, Scope::unit("345")}}));
  EXPECT_TRUE(svc().login("baru@parepare.go.id", "sandi-baru-yang-kuat", kIp, kUa).ok());
}

TEST_F(AccountServiceTest, InviteIsOneTime) {
  auto inv = svc().invite(Actor::system(), "baru@x.id", "Baru", Role::coach, Scope::lab("12"));
  ASSERT_TRUE(inv.ok());
  ASSERT_TRUE(svc().accept_invite(inv->raw_token, "sandi-baru-yang-kuat", kIp, kUa).ok());
  auto again = svc().accept_invite(inv->raw_token, "sandi-lain-yang-kuat", kIp, kUa);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::not_found);
  EXPECT_EQ(key_of(again.error()), "error.invite_invalid");
  EXPECT_FALSE(svc().find_invite(inv->raw_token).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 1);
}

TEST_F(AccountServiceTest, ExpiredInviteIsRefused) {
  auto inv = svc().invite(Actor::system(), "baru@x.id", "Baru", Role::coach, Scope::lab("12"));
  ASSERT_TRUE(inv.ok());
  clock_.advance(7 * 24 * 3600 + 1);
  EXPECT_EQ(svc().find_invite(inv->raw_token).error().code(), ErrorCode::not_found);
  auto s = svc().accept_invite(inv->raw_token, "sandi-baru-yang-kuat", kIp, kUa);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::not_found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 0);
}

TEST_F(AccountServiceTest, CannotInviteOutsideScope) {
  const User pa = make_user("pa@parepare.go.id", parepare_);
  auto makassar =
      svc().invite(Actor::of(pa), "m@makassar.go.id", "M", Role::region_admin, Scope::region("73.71"), region_of);
  ASSERT_FALSE(makassar.ok());
  EXPECT_EQ(makassar.error().code(), ErrorCode::forbidden);
  auto makassar_unit =
      svc().invite(Actor::of(pa), "m@makassar.go.id", "M", Role::participant, Scope::unit("346"), region_of);
  EXPECT_EQ(makassar_unit.error().code(), ErrorCode::forbidden);
  auto curator = svc().invite(Actor::of(pa), "c@x.id", "C", Role::curator, Scope::national(), region_of);
  EXPECT_EQ(curator.error().code(), ErrorCode::forbidden);
  EXPECT_EQ(count("SELECT COUNT(*) FROM invites"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 0);
}

TEST_F(AccountServiceTest, CannotInviteAnExistingAccount) {
  make_user("siti@parepare.go.id", parepare_);
  auto inv = svc().invite(Actor::system(), "SITI@parepare.go.id", "Siti", Role::coach, Scope::lab("12"));
  ASSERT_FALSE(inv.ok());
  EXPECT_EQ(inv.error().code(), ErrorCode::conflict);
  EXPECT_EQ(key_of(inv.error()), "error.email_taken");
}

TEST_F(AccountServiceTest, AcceptInviteChecksThePassword) {
  auto inv = svc().invite(Actor::system(), "baru@x.id", "Baru", Role::coach, Scope::lab("12"));
  ASSERT_TRUE(inv.ok());
  auto weak = svc().accept_invite(inv->raw_token, "pendek", kIp, kUa);
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(key_of(weak.error()), "error.password_short");
  EXPECT_TRUE(svc().find_invite(inv->raw_token).ok());  // still usable
}

// ---- passwords ----

TEST_F(AccountServiceTest, ResetIsOneTimeAndEndsSessions) {
  const User u = make_user("siti@parepare.go.id", parepare_);
  auto s = svc().login(u.email, kPassword, kIp, kUa);
  ASSERT_TRUE(s.ok());
  auto token = svc().request_password_reset("Siti@parepare.go.id", kIp);
  ASSERT_TRUE(token.ok()) << token.error().message();
  ASSERT_TRUE(token->has_value());
  auto mail = svc().list_mail_outbox(10);
  ASSERT_TRUE(mail.ok());
  ASSERT_EQ(mail->size(), 1u);
  EXPECT_NE(mail->front().body_text.find("/atur-ulang/" + **token), std::string::npos);
  ASSERT_TRUE(svc().reset_password(**token, "sandi-baru-yang-kuat").ok());
  EXPECT_FALSE(svc().authenticate_session(s->raw_id, kIp).ok());
  EXPECT_FALSE(svc().login(u.email, kPassword, kIp, kUa).ok());
  EXPECT_TRUE(svc().login(u.email, "sandi-baru-yang-kuat", kIp, kUa).ok());
  auto again = svc().reset_password(**token, "sandi-ketiga-yang-kuat");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::not_found);
  EXPECT_EQ(key_of(again.error()), "error.reset_invalid");
}

TEST_F(AccountServiceTest, ResetRequestDoesNotRevealUnknownEmails) {
  auto unknown = svc().request_password_reset("nobody@x.id", kIp);
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->has_value());
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM password_resets"), 0);
}

TEST_F(AccountServiceTest, ResetLinkExpiresAndIsRateLimited) {
  make_user("siti@parepare.go.id", parepare_);
  auto token = svc().request_password_reset("siti@parepare.go.id", kIp);
  ASSERT_TRUE(token.ok() && token->has_value());
  clock_.advance(3600);
  EXPECT_EQ(svc().reset_password(**token, "sandi-baru-yang-kuat").error().code(), ErrorCode::not_found);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(svc().request_password_reset("siti@parepare.go.id", kIp).ok()) << i;
  auto fourth = svc().request_password_reset("siti@parepare.go.id", kIp);
  ASSERT_FALSE(fourth.ok());
  EXPECT_EQ(fourth.error().code(), ErrorCode::too_many);
  auto unknown = svc().request_password_reset("nobody@x.id", kIp);  // other emails from the same IP still work
  EXPECT_TRUE(unknown.ok());
}

TEST_F(AccountServiceTest, ChangePasswordKeepsOnlyTheCurrentSession) {
  const User u = make_user("siti@parepare.go.id", parepare_);
  auto here = svc().login(u.email, kPassword, kIp, kUa);
  auto there = svc().login(u.email, kPassword, kIp, kUa);
  ASSERT_TRUE(here.ok() && there.ok());
  auto wrong = svc().change_password(u.id, sha256_hex(here->raw_id), "salah-salah-x", "sandi-baru-yang-kuat");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(key_of(wrong.error()), "error.password_wrong");
  ASSERT_TRUE(svc().change_password(u.id, sha256_hex(here->raw_id), kPassword, "sandi-baru-yang-kuat").ok());
  EXPECT_TRUE(svc().authenticate_session(here->raw_id, kIp).ok());
  EXPECT_FALSE(svc().authenticate_session(there->raw_id, kIp).ok());
  EXPECT_TRUE(svc().login(u.email, "sandi-baru-yang-kuat", kIp, kUa).ok());
}

TEST_F(AccountServiceTest, LoginRehashesWithNewLimits) {
  const User u = make_user("siti@parepare.go.id", parepare_);
  AccountOptions stronger = test_support::fast_options();
  stronger.pwhash.opslimit += 1;
  AccountService upgraded(*db_, clock_, stronger);
  auto before = [&] {
    auto lease = db_->acquire();
    std::string h;
    *lease << "SELECT password_hash FROM users", soci::into(h);
    return h;
  };
  const std::string old_hash = before();
  EXPECT_FALSE(needs_rehash(old_hash, test_support::fast_options().pwhash));
  ASSERT_TRUE(upgraded.login(u.email, kPassword, kIp, kUa).ok());
  const std::string new_hash = before();
  EXPECT_NE(new_hash, old_hash);
  EXPECT_FALSE(needs_rehash(new_hash, stronger.pwhash));
  EXPECT_TRUE(svc().login(u.email, kPassword, kIp, kUa).ok());
}

// ---- admin ----

TEST_F(AccountServiceTest, DeactivateEndsSessionsAndBlocksLogin) {
  const User admin = make_user("admin@x.id", admin_);
  const User u = make_user("siti@parepare.go.id", parepare_);
  auto s = svc().login(u.email, kPassword, kIp, kUa);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(svc().set_active(Actor::of(admin), u.id, false).ok());
  EXPECT_FALSE(svc().authenticate_session(s->raw_id, kIp).ok());
  auto login = svc().login(u.email, kPassword, kIp, kUa);
  ASSERT_FALSE(login.ok());
  EXPECT_EQ(login.error().code(), ErrorCode::forbidden);
  EXPECT_EQ(key_of(login.error()), "error.account_inactive");
  ASSERT_TRUE(svc().set_active(Actor::of(admin), u.id, true).ok());
  EXPECT_TRUE(svc().login(u.email, kPassword, kIp, kUa).ok());
}

TEST_F(AccountServiceTest, NobodyDeactivatesThemselves) {
  const User admin = make_user("admin@x.id", admin_);
  make_user("admin2@x.id", admin_);
  auto st = svc().set_active(Actor::of(admin), admin.id, false);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code(), ErrorCode::forbidden);
  EXPECT_EQ(key_of(st.error()), "error.self_deactivate");
}

TEST_F(AccountServiceTest, RegionAdminManagesOnlyTheirRegion) {
  const User pa = make_user("pa@parepare.go.id", parepare_);
  const User p = make_user("p@parepare.go.id", {{Role::participant, Scope::unit("345")}});
  const User m = make_user("m@makassar.go.id", {{Role::participant, Scope::unit("346")}});
  EXPECT_TRUE(svc().set_active(Actor::of(pa), p.id, false, region_of).ok());
  EXPECT_EQ(svc().set_active(Actor::of(pa), m.id, false, region_of).error().code(), ErrorCode::forbidden);
  auto moved = svc().set_grants(Actor::of(pa), p.id, {{Role::participant, Scope::unit("346")}}, region_of);
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().code(), ErrorCode::forbidden);
  auto coach = svc().set_grants(Actor::of(pa), p.id, {{Role::coach, Scope::region("73.72")}}, region_of);
  ASSERT_TRUE(coach.ok()) << coach.error().message();
  EXPECT_EQ(coach->grants, (std::vector<Grant>{{Role::coach, Scope::region("73.72")}}));
}

TEST_F(AccountServiceTest, LastAdminCannotLoseAdmin) {
  const User admin = make_user("admin@x.id", admin_);
  auto drop = svc().set_grants(Actor::of(admin), admin.id, {{Role::curator, Scope::national()}});
  ASSERT_FALSE(drop.ok());
  EXPECT_EQ(drop.error().code(), ErrorCode::conflict);
  EXPECT_EQ(key_of(drop.error()), "error.last_admin");
  auto off = svc().set_active(Actor::system(), admin.id, false);
  ASSERT_FALSE(off.ok());
  EXPECT_EQ(key_of(off.error()), "error.last_admin");
  auto still = svc().get_user(admin.id);
  ASSERT_TRUE(still.ok());
  EXPECT_TRUE(still->active);
  EXPECT_EQ(still->grants, admin_);
  make_user("admin2@x.id", admin_);
  EXPECT_TRUE(svc().set_grants(Actor::of(admin), admin.id, {{Role::curator, Scope::national()}}).ok());
}

TEST_F(AccountServiceTest, ListUsersFilters) {
  make_user("siti@parepare.go.id", parepare_, "Siti Nurhaliza");
  make_user("andi@makassar.go.id", {{Role::region_admin, Scope::region("73.71")}}, "Andi Baso");
  const User c = make_user("cur@kemenpan.go.id", {{Role::curator, Scope::national()}}, "Kurator 100%");
  ASSERT_TRUE(svc().set_active(Actor::system(), c.id, false).ok());
  auto names = [&](const UserFilter& f) {
    std::vector<std::string> out;
    auto r = svc().list_users(f);
    EXPECT_TRUE(r.ok());
    if (r.ok()) {
      for (const auto& u : *r) out.push_back(u.name);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names({}), (V{"Siti Nurhaliza", "Andi Baso", "Kurator 100%"}));
  EXPECT_EQ(names({.query = "NURHAL"}), (V{"Siti Nurhaliza"}));
  EXPECT_EQ(names({.query = "makassar"}), (V{"Andi Baso"}));
  EXPECT_EQ(names({.query = "100%"}), (V{"Kurator 100%"}));
  EXPECT_EQ(names({.query = "0%"}), (V{"Kurator 100%"}));
  EXPECT_EQ(names({.query = "_"}), V{});
  EXPECT_EQ(names({.role = Role::region_admin}), (V{"Siti Nurhaliza", "Andi Baso"}));
  EXPECT_EQ(names({.region = "73.71"}), (V{"Andi Baso"}));
  EXPECT_EQ(names({.active = false}), (V{"Kurator 100%"}));
  EXPECT_EQ(names({.limit = 1, .offset = 1}), (V{"Andi Baso"}));
}

// ---- API tokens ----

TEST_F(AccountServiceTest, ApiTokenCreateAuthenticateRevoke) {
  const User admin = make_user("admin@x.id", admin_);
  auto t = svc().create_token(Actor::of(admin), "Impor KIPP", Role::curator, Scope::national());
  ASSERT_TRUE(t.ok()) << t.error().message();
  EXPECT_EQ(t->raw.rfind("lbg_", 0), 0u);
  EXPECT_FALSE(t->token.last_used_at.has_value());
  auto a = svc().authenticate_token(t->raw, kIp);
  ASSERT_TRUE(a.ok()) << a.error().message();
  EXPECT_EQ(a->role, Role::curator);
  EXPECT_EQ(a->last_used_at, clock_.now());
  clock_.advance(30);
  auto b = svc().authenticate_token(t->raw, kIp);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->last_used_at, clock_.now() - 30);  // not rewritten within a minute
  clock_.advance(30);
  auto c = svc().authenticate_token(t->raw, kIp);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->last_used_at, clock_.now());
  ASSERT_TRUE(svc().revoke_token(Actor::of(admin), t->token.id).ok());
  auto revoked = svc().authenticate_token(t->raw, kIp);
  ASSERT_FALSE(revoked.ok());
  EXPECT_EQ(revoked.error().code(), ErrorCode::unauthenticated);
  auto list = svc().list_tokens();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_TRUE(list->front().revoked_at.has_value());
}

TEST_F(AccountServiceTest, ApiTokenFailuresAreRateLimitedPerIp) {
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(svc().authenticate_token("lbg_guess" + std::to_string(i), "10.6.6.6").error().code(),
              ErrorCode::unauthenticated);
  }
  EXPECT_EQ(svc().authenticate_token("lbg_guess", "10.6.6.6").error().code(), ErrorCode::too_many);
  EXPECT_EQ(svc().authenticate_token("lbg_guess", kIp).error().code(), ErrorCode::unauthenticated);
}

TEST_F(AccountServiceTest, OnlyAdminsOrCreatorsRevokeTokens) {
  const User pa = make_user("pa@parepare.go.id", parepare_);
  const User other = make_user("pb@parepare.go.id", parepare_);
  auto t = svc().create_token(Actor::of(pa), "Sinkron", Role::region_admin, Scope::region("73.72"), region_of);
  ASSERT_TRUE(t.ok()) << t.error().message();
  EXPECT_EQ(svc().create_token(Actor::of(pa), "x", Role::region_admin, Scope::region("73.71")).error().code(),
            ErrorCode::forbidden);
  EXPECT_EQ(svc().revoke_token(Actor::of(other), t->token.id).error().code(), ErrorCode::forbidden);
  EXPECT_EQ(svc().revoke_token(Actor::of(pa), 999).error().code(), ErrorCode::not_found);
  EXPECT_TRUE(svc().revoke_token(Actor::of(pa), t->token.id).ok());
}

// ---- audit ----

TEST_F(AccountServiceTest, EveryWriteIsAuditedWithoutSecrets) {
  const User admin = make_user("admin@x.id", admin_);
  const User u = make_user("siti@parepare.go.id", parepare_);
  auto s = svc().login(u.email, kPassword, kIp, kUa);
  ASSERT_TRUE(s.ok());
  auto inv = svc().invite(Actor::of(admin), "baru@x.id", "Baru", Role::coach, Scope::lab("12"));
  ASSERT_TRUE(inv.ok());
  auto s2 = svc().accept_invite(inv->raw_token, "sandi-undangan-kuat", kIp, kUa);
  ASSERT_TRUE(s2.ok());
  auto reset = svc().request_password_reset(u.email, kIp);
  ASSERT_TRUE(reset.ok() && reset->has_value());
  ASSERT_TRUE(svc().reset_password(**reset, "sandi-reset-yang-kuat").ok());
  auto s3 = svc().login(u.email, "sandi-reset-yang-kuat", kIp, kUa);
  ASSERT_TRUE(s3.ok());
  ASSERT_TRUE(
      svc().change_password(u.id, sha256_hex(s3->raw_id), "sandi-reset-yang-kuat", "sandi-ganti-yang-kuat").ok());
  auto tok = svc().create_token(Actor::of(admin), "Impor", Role::curator, Scope::national());
  ASSERT_TRUE(tok.ok());
  ASSERT_TRUE(svc().revoke_token(Actor::of(admin), tok->token.id).ok());
  ASSERT_TRUE(svc().set_grants(Actor::of(admin), u.id, {{Role::coach, Scope::lab("12")}}).ok());
  ASSERT_TRUE(svc().set_active(Actor::of(admin), u.id, false).ok());
  ASSERT_TRUE(svc().logout(s2->raw_id).ok());

  const std::string text = all_audit_text();
  for (const std::string action :
       {"user.create", "session.login", "user.invite", "user.accept_invite", "user.password_reset_request",
        "user.password_reset", "user.password_change", "api_token.create", "api_token.revoke", "user.set_grants",
        "user.deactivate", "session.logout"}) {
    EXPECT_NE(text.find("|" + action + "|"), std::string::npos) << action;
  }
  for (const std::string& secret :
       {kPassword, std::string("sandi-undangan-kuat"), std::string("sandi-reset-yang-kuat"),
        std::string("sandi-ganti-yang-kuat"), s->raw_id, s2->raw_id, s3->raw_id, s->csrf_token, inv->raw_token, **reset,
        tok->raw, sha256_hex(inv->raw_token), sha256_hex(tok->raw), sha256_hex(s->raw_id), std::string("$argon2id$")}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << "audit leaks " << secret;
  }
  auto by_admin = svc().list_audit(AuditFilter{.actor = admin.id, .action = "api_token.create"});
  ASSERT_TRUE(by_admin.ok());
  ASSERT_EQ(by_admin->size(), 1u);
  EXPECT_EQ(by_admin->front().entity, "api_token");
  EXPECT_EQ(by_admin->front().entity_id, std::to_string(tok->token.id));
}

TEST_F(AccountServiceTest, FailedWritesLeaveNoAuditRow) {
  const User pa = make_user("pa@parepare.go.id", parepare_);
  const auto before = count("SELECT COUNT(*) FROM audit_log");
  EXPECT_FALSE(
      svc().invite(Actor::of(pa), "m@makassar.go.id", "M", Role::participant, Scope::region("73.71"), region_of).ok());
  EXPECT_FALSE(svc().create_user("pa@parepare.go.id", "Dup", {}, kPassword, Actor::system()).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), before);
  const User admin = make_user("admin@x.id", admin_);
  const auto mid = count("SELECT COUNT(*) FROM audit_log");
  EXPECT_FALSE(svc().set_grants(Actor::of(admin), admin.id, {}).ok());  // last admin
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), mid);
}

}  // namespace
}  // namespace lumbung::auth
