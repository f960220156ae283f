// Unsubscribe tokens: what parse_unsubscribe_token accepts and refuses, and
// that unsubscribe_token makes tokens it accepts.
#include <gtest/gtest.h>

#include <vector>

#include "notify/mailer.hpp"

namespace lumbung::notify {
namespace {

TEST(UnsubscribeToken, MadeTokensParseBack) {
  for (const std::string what :
       {"lab", "validation", "replication", "competition", "index", "account", "daily", "weekly"}) {
    const auto token = unsubscribe_token(42, what, "rahasia-pengguna");
    auto parts = parse_unsubscribe_token(token);
    ASSERT_TRUE(parts.has_value()) << token;
    EXPECT_EQ(parts->user_id, 42);
    EXPECT_EQ(parts->what, what);
    EXPECT_EQ(parts->signature.size(), 32u);
  }
  // Another secret, another signature.
  EXPECT_NE(unsubscribe_token(42, "lab", "a"), unsubscribe_token(42, "lab", "b"));
}

TEST(UnsubscribeToken, MalformedTokensAreRefused) {
  const std::string sig = "0123456789abcdef0123456789abcdef";
  const std::vector<std::string> refused = {"",
                                            "x",
                                            "7.lab",
                                            "7..",
                                            "0.lab." + sig,
                                            "-7.lab." + sig,
                                            "07.lab." + sig,
                                            "7.mingguan." + sig,
                                            "7.lab." + sig.substr(1),
                                            "7.lab." + sig + "0",
                                            "7.lab.0123456789ABCDEF0123456789abcdef",
                                            "7.lab.x" + sig.substr(1),
                                            "7.lab.more." + sig,
                                            "99999999999999999999.lab." + sig,
                                            "7 .lab." + sig,
                                            std::string("7.lab.") + std::string(1, '\0') + sig.substr(1)};
  for (const auto& bad : refused) EXPECT_FALSE(parse_unsubscribe_token(bad).has_value()) << bad;
}

}  // namespace
}  // namespace lumbung::notify
