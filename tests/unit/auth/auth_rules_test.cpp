// Pure account rules, table-driven.
#include <gtest/gtest.h>

#include "auth/auth.hpp"
#include "unit/auth/auth_fixture.hpp"

namespace lumbung::auth {
namespace {

using test_support::region_of;

std::string first_key(const Error& e) { return e.fields().empty() ? "" : e.fields().front().key; }

TEST(AuthRole, RoundTripsEveryRole) {
  ASSERT_EQ(all_roles().size(), 7u);
  for (Role r : all_roles()) {
    auto parsed = parse_role(to_string(r));
    ASSERT_TRUE(parsed.has_value()) << to_string(r);
    EXPECT_EQ(*parsed, r);
  }
}

TEST(AuthRole, RejectsUnknownText) {
  for (const char* bad : {"", "Admin", "admin ", "superuser", "region-admin"}) {
    EXPECT_FALSE(parse_role(bad).has_value()) << bad;
  }
}

TEST(AuthScope, ParsesAndFormatsGoodText) {
  struct Case {
    const char* text;
    Scope scope;
  };
  const Case cases[] = {
      {"national", Scope::national()},
      {"region:73", Scope::region("73")},
      {"region:73.72", Scope::region("73.72")},
      {"region:73.72.01", Scope::region("73.72.01")},
      {"region:73.72.01.1001", Scope::region("73.72.01.1001")},
      {"lab:12", Scope::lab("12")},
      {"unit:345", Scope::unit("345")},
  };
  for (const auto& c : cases) {
    auto parsed = parse_scope(c.text);
    ASSERT_TRUE(parsed.ok()) << c.text;
    EXPECT_EQ(*parsed, c.scope) << c.text;
    EXPECT_EQ(format_scope(c.scope), c.text);
  }
}

TEST(AuthScope, RejectsBadText) {
  for (const char* bad : {"",
                          "National",
                          "national:",
                          "national:1",
                          "region",
                          "region:",
                          "region:7",
                          "region:737",
                          "region:73.7",
                          "region:73.72.",
                          "region:73..72",
                          "region:ab.cd",
                          "region:73.72.01.101",
                          "region:73.72.01.1001.1",
                          "lab:",
                          "lab:x",
                          "lab:012",
                          "lab:-1",
                          "lab:1.5",
                          "unit:0",
                          "unit: 3",
                          "unit:1234567890123456789",
                          "kota:73.72",
                          ":12",
                          "lab:12 "}) {
    auto parsed = parse_scope(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code(), ErrorCode::invalid);
    EXPECT_EQ(first_key(parsed.error()), "error.scope") << bad;
  }
}

TEST(AuthEmail, NormalisesGoodAddresses) {
  struct Case {
    const char* raw;
    const char* want;
  };
  const Case cases[] = {
      {"siti@parepare.go.id", "siti@parepare.go.id"},
      {"  Siti.Nurhaliza@PAREPARE.go.id \t", "siti.nurhaliza@parepare.go.id"},
      {"a+b@x.co", "a+b@x.co"},
  };
  for (const auto& c : cases) {
    auto e = normalize_email(c.raw);
    ASSERT_TRUE(e.ok()) << c.raw;
    EXPECT_EQ(*e, c.want);
  }
}

TEST(AuthEmail, RejectsBadAddresses) {
  const std::string too_long = std::string(250, 'a') + "@x.id";  // 255 bytes
  for (const std::string& bad :
       {std::string(""), std::string("   "), std::string("siti"), std::string("@x.id"), std::string("siti@"),
        std::string("a@b@c.id"), std::string("siti@localhost"), std::string("siti@.x.id"), std::string("siti@x.id."),
        std::string("siti@x..id"), std::string("si ti@x.id"), std::string("siti@x.id\n<script>"),
        std::string("si\x01ti@x.id"), too_long, std::string(10000, 'a')}) {
    auto e = normalize_email(bad);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(first_key(e.error()), "error.email");
    EXPECT_EQ(e.error().fields().front().field, "email");
  }
  EXPECT_TRUE(normalize_email(std::string(248, 'a') + "@x.id").ok());  // 254 bytes
}

TEST(AuthName, KeepsUnicodeAndMarkupButRejectsControls) {
  struct Case {
    std::string raw;
    std::string want_key;  // "" = valid
  };
  const Case cases[] = {
      {"Siti Nurhaliza ✓", ""},
      {"  Andi Baso  ", ""},
      {"<script>alert(1)</script>", ""},
      {std::string(120, 'x'), ""},
      {std::string(40, 'x') + "✓✓✓", ""},
      {"", "error.name_required"},
      {" \t ", "error.name_required"},
      {std::string(121, 'x'), "error.name_long"},
      {std::string(10000, 'x'), "error.name_long"},
      {"Siti\nNurhaliza", "error.name_invalid"},
      {"Siti\x7f", "error.name_invalid"},
      {"Siti\xc2\x85", "error.name_invalid"},  // U+0085 (C1 control)
      {"Siti\xff", "error.name_invalid"},      // not UTF-8
      {"Siti\xc0\xaf", "error.name_invalid"},  // overlong
  };
  for (const auto& c : cases) {
    auto n = normalize_name(c.raw);
    if (c.want_key.empty()) {
      EXPECT_TRUE(n.ok()) << c.raw;
    } else {
      ASSERT_FALSE(n.ok()) << c.raw;
      EXPECT_EQ(first_key(n.error()), c.want_key) << c.raw;
    }
  }
  EXPECT_EQ(*normalize_name("  Andi Baso  "), "Andi Baso");
  EXPECT_EQ(*normalize_name("<script>alert(1)</script>"), "<script>alert(1)</script>");
}

TEST(AuthPasswordPolicy, Table) {
  struct Case {
    std::string password;
    std::string want_key;
  };
  const Case cases[] = {
      {"kata-sandi-1", ""},
      {"ŝŝŝŝŝŝŝŝŝa", ""},  // 10 code points
      {"", "error.password_short"},
      {"123456789", "error.password_short"},
      {"ŝŝŝŝŝ", "error.password_short"},  // 10 bytes but 5 characters
      {"aaaaaaaaaaaa", "error.password_repetitive"},
      {std::string(1024, 'a') + "", "error.password_repetitive"},
      {std::string(1025, 'b'), "error.password_long"},
      {std::string(10000, 'c'), "error.password_long"},
      {"siti@parepare.go.id", "error.password_is_email"},
      {"SITI@Parepare.go.id", "error.password_is_email"},
  };
  for (const auto& c : cases) {
    auto st = check_password_policy(c.password, "siti@parepare.go.id");
    if (c.want_key.empty()) {
      EXPECT_TRUE(st.ok()) << c.password;
    } else {
      ASSERT_FALSE(st.ok()) << c.password;
      EXPECT_EQ(st.error().fields().front().field, "password");
      EXPECT_EQ(first_key(st.error()), c.want_key) << c.password.substr(0, 40);
    }
  }
}

TEST(AuthGrant, ValidatesRoleScopeCombinations) {
  EXPECT_TRUE(validate_grant({Role::admin, Scope::national()}).ok());
  EXPECT_FALSE(validate_grant({Role::admin, Scope::region("73.72")}).ok());
  EXPECT_FALSE(validate_grant({Role::curator, Scope::lab("12")}).ok());
  EXPECT_TRUE(validate_grant({Role::region_admin, Scope::region("73.72")}).ok());
  EXPECT_FALSE(validate_grant({Role::region_admin, Scope::national()}).ok());
  EXPECT_TRUE(validate_grant({Role::participant, Scope::unit("345")}).ok());
  EXPECT_FALSE(validate_grant({Role::participant, Scope{ScopeKind::unit, "x"}}).ok());
  EXPECT_FALSE(validate_grant({Role::coach, Scope{ScopeKind::national, "1"}}).ok());
}

TEST(AuthScopeContains, Table) {
  struct Case {
    Scope outer, inner;
    bool want;
  };
  const Case cases[] = {
      {Scope::national(), Scope::region("73.71"), true},
      {Scope::national(), Scope::unit("999"), true},
      {Scope::region("73.72"), Scope::region("73.72"), true},
      {Scope::region("73.72"), Scope::region("73.71"), false},  // Parepare vs Makassar
      {Scope::region("73"), Scope::region("73.72"), false},     // regions are not nested
      {Scope::region("73.72"), Scope::lab("12"), true},
      {Scope::region("73.72"), Scope::unit("345"), true},
      {Scope::region("73.72"), Scope::unit("346"), false},
      {Scope::region("73.72"), Scope::unit("999"), false},  // unknown region
      {Scope::region("73.72"), Scope::national(), false},
      {Scope::lab("12"), Scope::lab("12"), true},
      {Scope::lab("12"), Scope::unit("345"), false},
      {Scope::unit("345"), Scope::unit("345"), true},
      {Scope::unit("345"), Scope::region("73.72"), false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(scope_contains(c.outer, c.inner, region_of), c.want)
        << format_scope(c.outer) << " ⊇ " << format_scope(c.inner);
  }
  EXPECT_FALSE(scope_contains(Scope::region("73.72"), Scope::lab("12"), RegionOf{}));
}

TEST(AuthCanGrant, Table) {
  const std::vector<Grant> admin = {{Role::admin, Scope::national()}};
  const std::vector<Grant> parepare = {{Role::region_admin, Scope::region("73.72")}};
  const std::vector<Grant> lab12 = {{Role::lab_organizer, Scope::lab("12")}};
  const std::vector<Grant> lab_region = {{Role::lab_organizer, Scope::region("73.72")}};
  const std::vector<Grant> curator = {{Role::curator, Scope::national()}};
  const std::vector<Grant> coach = {{Role::coach, Scope::lab("12")}};
  struct Case {
    const char* what;
    const std::vector<Grant>& actor;
    Role role;
    Scope scope;
    bool want;
  };
  const Case cases[] = {
      {"admin anything", admin, Role::admin, Scope::national(), true},
      {"admin region", admin, Role::region_admin, Scope::region("73.71"), true},
      {"parepare participant in own unit", parepare, Role::participant, Scope::unit("345"), true},
      {"parepare coach in own region", parepare, Role::coach, Scope::region("73.72"), true},
      {"parepare peer admin", parepare, Role::region_admin, Scope::region("73.72"), true},
      {"parepare into makassar", parepare, Role::region_admin, Scope::region("73.71"), false},
      {"parepare participant in makassar unit", parepare, Role::participant, Scope::unit("346"), false},
      {"parepare lab organizer", parepare, Role::lab_organizer, Scope::lab("12"), false},
      {"parepare curator", parepare, Role::curator, Scope::national(), false},
      {"parepare national participant", parepare, Role::participant, Scope::national(), false},
      {"lab12 participant", lab12, Role::participant, Scope::lab("12"), true},
      {"lab12 coach", lab12, Role::coach, Scope::lab("12"), true},
      {"lab12 other lab", lab12, Role::participant, Scope::lab("13"), false},
      {"lab12 region admin", lab12, Role::region_admin, Scope::region("73.72"), false},
      {"lab organizer region into lab", lab_region, Role::participant, Scope::lab("12"), true},
      {"lab organizer region into makassar lab", lab_region, Role::participant, Scope::lab("13"), false},
      {"curator judge", curator, Role::judge, Scope::national(), true},
      {"curator curator", curator, Role::curator, Scope::national(), true},
      {"curator admin", curator, Role::admin, Scope::national(), false},
      {"curator participant", curator, Role::participant, Scope::unit("345"), false},
      {"coach nothing", coach, Role::participant, Scope::lab("12"), false},
      {"no grants nothing", {}, Role::participant, Scope::unit("345"), false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(can_grant(c.actor, c.role, c.scope, region_of), c.want) << c.what;
  }
}

TEST(AuthAllows, Table) {
  const std::vector<Grant> parepare = {{Role::region_admin, Scope::region("73.72")}};
  const std::vector<Grant> several = {{Role::coach, Scope::lab("12")}, {Role::participant, Scope::unit("346")}};
  EXPECT_TRUE(allows({{Role::admin, Scope::national()}}, Role::curator, Scope::region("73.71"), region_of));
  EXPECT_TRUE(allows(parepare, Role::region_admin, Scope::region("73.72"), region_of));
  EXPECT_TRUE(allows(parepare, Role::region_admin, Scope::unit("345"), region_of));
  // A region admin of Kota Parepare can never change Kota Makassar's data.
  EXPECT_FALSE(allows(parepare, Role::region_admin, Scope::region("73.71"), region_of));
  EXPECT_FALSE(allows(parepare, Role::region_admin, Scope::unit("346"), region_of));
  EXPECT_FALSE(allows(parepare, Role::participant, Scope::unit("345"), region_of));  // role must match
  EXPECT_TRUE(allows(several, Role::coach, Scope::lab("12"), region_of));
  EXPECT_TRUE(allows(several, Role::participant, Scope::unit("346"), region_of));
  EXPECT_FALSE(allows(several, Role::coach, Scope::lab("13"), region_of));
  EXPECT_FALSE(allows({}, Role::participant, Scope::national(), region_of));
}

TEST(AuthRateAttempt, Table) {
  const RateLimit five{5, 60};
  struct Case {
    const char* what;
    std::optional<RateWindow> current;
    std::int64_t now;
    bool allowed;
    std::int64_t retry_after;
    RateWindow next;
  };
  const Case cases[] = {
      {"first", std::nullopt, 1000, true, 0, {1000, 1}},
      {"second", RateWindow{1000, 1}, 1010, true, 0, {1000, 2}},
      {"fifth", RateWindow{1000, 4}, 1059, true, 0, {1000, 5}},
      {"sixth refused", RateWindow{1000, 5}, 1010, false, 50, {1000, 5}},
      {"last second refused", RateWindow{1000, 5}, 1059, false, 1, {1000, 5}},
      {"window over", RateWindow{1000, 5}, 1060, true, 0, {1060, 1}},
      {"long after", RateWindow{1000, 99}, 5000, true, 0, {5000, 1}},
      {"clock went back", RateWindow{1000, 5}, 900, true, 0, {900, 1}},
  };
  for (const auto& c : cases) {
    const auto d = rate_attempt(c.current, c.now, five);
    EXPECT_EQ(d.allowed, c.allowed) << c.what;
    EXPECT_EQ(d.retry_after, c.retry_after) << c.what;
    EXPECT_EQ(d.next, c.next) << c.what;
  }
  EXPECT_FALSE(rate_attempt(std::nullopt, 1000, RateLimit{0, 60}).allowed);
}

TEST(AuthRetryAfter, ReadsOnlyTooManyErrors) {
  EXPECT_EQ(retry_after_seconds(Error(ErrorCode::too_many, "login: too many attempts (retry_after=42)")), 42);
  EXPECT_FALSE(retry_after_seconds(Error(ErrorCode::invalid, "x (retry_after=42)")).has_value());
  EXPECT_FALSE(retry_after_seconds(Error(ErrorCode::too_many, "no number")).has_value());
  EXPECT_FALSE(retry_after_seconds(Error(ErrorCode::too_many, "x (retry_after=)")).has_value());
  EXPECT_FALSE(retry_after_seconds(Error(ErrorCode::too_many, "x (retry_after=12")).has_value());
}

}  // namespace
}  // namespace lumbung::auth
