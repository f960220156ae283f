// libsodium wrappers: argon2id hashes, tokens, SHA-256, constant-time compare.
#include "auth/secrets.hpp"

#include <gtest/gtest.h>

#include <set>

#include "auth/auth_service.hpp"

namespace lumbung::auth {
namespace {

class AuthSecrets : public ::testing::Test {
 protected:
  void SetUp() override { init_sodium(); }
  const PwhashLimits fast = PwhashLimits::minimum();
};

TEST_F(AuthSecrets, HashVerifiesOnlyTheRightPassword) {
  auto h = hash_password("kata-sandi-rahasia", fast);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u) << *h;
  EXPECT_EQ(h->find("kata-sandi-rahasia"), std::string::npos);
  EXPECT_TRUE(verify_password(*h, "kata-sandi-rahasia"));
  EXPECT_FALSE(verify_password(*h, "kata-sandi-rahasiA"));
  EXPECT_FALSE(verify_password(*h, ""));
  EXPECT_FALSE(verify_password("", "kata-sandi-rahasia"));
  EXPECT_FALSE(verify_password("not a hash", "kata-sandi-rahasia"));
}

TEST_F(AuthSecrets, SamePasswordGetsDifferentSalts) {
  auto a = hash_password("kata-sandi-rahasia", fast);
  auto b = hash_password("kata-sandi-rahasia", fast);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
}

TEST_F(AuthSecrets, NeedsRehashWhenLimitsChange) {
  auto h = hash_password("kata-sandi-rahasia", fast);
  ASSERT_TRUE(h.ok());
  EXPECT_FALSE(needs_rehash(*h, fast));
  EXPECT_TRUE(needs_rehash(*h, PwhashLimits{fast.opslimit + 1, fast.memlimit}));
  EXPECT_TRUE(needs_rehash(*h, PwhashLimits::interactive()));
  EXPECT_TRUE(needs_rehash("", fast));
  EXPECT_TRUE(needs_rehash("$2y$10$bcrypt-style", fast));
}

TEST_F(AuthSecrets, TokensAreUrlSafeAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const auto t = random_token();
    ASSERT_EQ(t.size(), 43u);
    for (char c : t) {
      ASSERT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << t;
    }
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST_F(AuthSecrets, Sha256HexMatchesKnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(AuthSecrets, CsrfMatchesOnlyEqualNonEmptyTokens) {
  const auto t = random_token();
  EXPECT_TRUE(csrf_matches(t, t));
  EXPECT_FALSE(csrf_matches(t, t.substr(1)));
  EXPECT_FALSE(csrf_matches(t, t + "x"));
  std::string flipped = t;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(csrf_matches(t, flipped));
  EXPECT_FALSE(csrf_matches("", ""));
  EXPECT_FALSE(csrf_matches(t, ""));
}

}  // namespace
}  // namespace lumbung::auth
