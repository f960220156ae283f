// The mail queue contract, run on SQLite and PostgreSQL: migration 0006,
// claims with leases (never two owners at once, also from parallel threads),
// sent, retry with back-off, giving up, and a delivery run against a relay
// that is down.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "mail/delivery.hpp"
#include "mail/queue.hpp"
#include "store/migrate.hpp"
#include "store/row.hpp"
#include "support/test_db.hpp"

namespace lumbung::mail {
namespace {

constexpr std::int64_t kNow = 1'700'000'000;

class MailQueueContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    LUMBUNG_TEST_DATABASE_OR_SKIP(tdb_, GetParam());
    auto db = tdb_->open(6);
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(*db);
    auto report = store::migrate(*db_, test::source_migrations_dir());
    ASSERT_TRUE(report.ok()) << report.error().message();
  }

  void add(std::int64_t id, const std::string& to = "siti@parepare.go.id", std::int64_t created = kNow) {
    auto lease = db_->acquire();
    long long i = id, c = created;
    std::string subject = "Undangan " + std::to_string(id), body = "Halo\n", kind = "invite";
    *lease << "INSERT INTO mail_outbox (id, to_email, subject, body_text, kind, created_at) "
              "VALUES (:id, :to, :s, :b, :k, :c)",
        soci::use(i, "id"), soci::use(to, "to"), soci::use(subject, "s"), soci::use(body, "b"), soci::use(kind, "k"),
        soci::use(c, "c");
  }

  struct Row {
    std::string status;
    int attempts = 0;
    std::int64_t next = 0;
    std::string error;
    std::int64_t sent_at = -1;
  };
  Row row(std::int64_t id) {
    auto lease = db_->acquire();
    long long i = id;
    soci::rowset<soci::row> rs = (lease->prepare << "SELECT status, attempts, next_attempt_at, last_error, sent_at "
                                                    "FROM mail_outbox WHERE id = :id",
                                  soci::use(i, "id"));
    Row out;
    for (const auto& r : rs) {
      out.status = store::get_text(r, 0);
      out.attempts = static_cast<int>(store::get_int64(r, 1));
      out.next = store::get_int64(r, 2);
      out.error = store::get_text(r, 3);
      out.sent_at = store::get_int64(r, 4, -1);
    }
    return out;
  }

  std::unique_ptr<test::TestDatabase> tdb_;
  std::unique_ptr<store::Database> db_;
};

TEST_P(MailQueueContract, NewMessagesAreQueuedAndDue) {
  add(1);
  const auto r = row(1);
  EXPECT_EQ(r.status, "queued");
  EXPECT_EQ(r.attempts, 0);
  EXPECT_EQ(r.next, 0);
  EXPECT_EQ(r.sent_at, -1);
}

TEST_P(MailQueueContract, AClaimedMessageIsNotClaimedAgainUntilTheLeaseEnds) {
  add(1);
  add(2);
  auto a = claim_due(*db_, "node-a", kNow, 300, 10);
  ASSERT_TRUE(a.ok()) << a.error().message();
  ASSERT_EQ(a->size(), 2u);
  EXPECT_EQ((*a)[0].id, 1);
  EXPECT_EQ((*a)[0].subject, "Undangan 1");
  auto b = claim_due(*db_, "node-b", kNow + 299, 300, 10);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->empty());
  auto c = claim_due(*db_, "node-b", kNow + 300, 300, 10);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->size(), 2u);
  // The old owner's late answer no longer counts.
  ASSERT_TRUE(mark_sent(*db_, (*a)[0], kNow + 301).ok());
  EXPECT_EQ(row(1).status, "queued");
  ASSERT_TRUE(mark_sent(*db_, (*c)[0], kNow + 301).ok());
  EXPECT_EQ(row(1).status, "sent");
  EXPECT_EQ(row(1).sent_at, kNow + 301);
  EXPECT_EQ(row(1).attempts, 1);
}

TEST_P(MailQueueContract, RetryNowRequeuesFailedMessagesOnly) {
  add(1);
  add(2);
  auto claimed = claim_due(*db_, "node-a", kNow, 300, 10);
  ASSERT_TRUE(claimed.ok());
  ASSERT_EQ(claimed->size(), 2u);
  RetryPolicy give_up_now{60, 0};
  ASSERT_EQ(*mark_failed(*db_, (*claimed)[0], kNow + 1, "550 mailbox unavailable", give_up_now), "failed");
  ASSERT_TRUE(mark_sent(*db_, (*claimed)[1], kNow + 1).ok());
  EXPECT_TRUE(*retry_now(*db_, 1, kNow + 50));
  EXPECT_EQ(row(1).status, "queued");
  EXPECT_EQ(row(1).next, kNow + 50);
  EXPECT_EQ(row(1).attempts, 1);
  EXPECT_FALSE(*retry_now(*db_, 2, kNow + 50)) << "a sent message stays sent";
  EXPECT_EQ(row(2).status, "sent");
  EXPECT_FALSE(*retry_now(*db_, 999, kNow + 50));
  // Claimed again right away, and while claimed it cannot be requeued.
  auto again = claim_due(*db_, "node-b", kNow + 50, 300, 10);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_FALSE(*retry_now(*db_, 1, kNow + 60));
}

TEST_P(MailQueueContract, EnqueueWritesTextHtmlAndUnsubscribe) {
  NewMail m{"siti@parepare.go.id", "Ringkasan", "teks", "<p>html</p>", "https://x.example/berhenti/1", "digest"};
  auto id = db_->transact("t", [&](soci::session& sql) { return enqueue(sql, m, kNow); });
  ASSERT_TRUE(id.ok()) << id.error().message();
  auto claimed = claim_due(*db_, "node-a", kNow, 300, 10);
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_EQ((*claimed)[0].id, *id);
  EXPECT_EQ((*claimed)[0].body_html, "<p>html</p>");
  EXPECT_EQ((*claimed)[0].unsubscribe_url, "https://x.example/berhenti/1");
  EXPECT_EQ((*claimed)[0].kind, "digest");
}

TEST_P(MailQueueContract, ClaimHonoursTheLimit) {
  for (int i = 1; i <= 5; ++i) add(i);
  auto a = claim_due(*db_, "a", kNow, 300, 3);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->size(), 3u);
  auto b = claim_due(*db_, "b", kNow, 300, 3);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->size(), 2u);
}

TEST_P(MailQueueContract, SentMessagesAreNeverClaimedAgain) {
  add(1);
  auto a = claim_due(*db_, "a", kNow, 300, 10);
  ASSERT_TRUE(a.ok() && a->size() == 1);
  ASSERT_TRUE(mark_sent(*db_, a->front(), kNow).ok());
  auto b = claim_due(*db_, "b", kNow + 100000, 300, 10);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->empty());
}

TEST_P(MailQueueContract, FailuresRecordTheAnswerAndBackOff) {
  add(1);
  RetryPolicy policy;
  std::int64_t now = kNow;
  const std::vector<std::int64_t> delays = {60, 300, 1800, 7200, 21600, 21600};
  for (std::size_t i = 0; i < delays.size(); ++i) {
    auto claimed = claim_due(*db_, "a", now, 300, 10);
    ASSERT_TRUE(claimed.ok());
    ASSERT_EQ(claimed->size(), 1u) << "attempt " << i + 1;
    auto st = mark_failed(*db_, claimed->front(), now, "SMTP 451 (try again later)", policy);
    ASSERT_TRUE(st.ok()) << st.error().message();
    EXPECT_EQ(*st, "queued");
    const auto r = row(1);
    EXPECT_EQ(r.attempts, static_cast<int>(i) + 1);
    EXPECT_EQ(r.next, now + delays[i]);
    EXPECT_EQ(r.error, "SMTP 451 (try again later)");
    // Not due one second early.
    auto early = claim_due(*db_, "b", now + delays[i] - 1, 300, 10);
    ASSERT_TRUE(early.ok());
    EXPECT_TRUE(early->empty());
    now += delays[i];
  }
}

TEST_P(MailQueueContract, GivesUpAfterThePolicyAllows) {
  add(1, "siti@parepare.go.id", kNow - 3 * 86400 + 30);
  auto claimed = claim_due(*db_, "a", kNow, 300, 10);
  ASSERT_TRUE(claimed.ok() && claimed->size() == 1);
  auto st = mark_failed(*db_, claimed->front(), kNow, "SMTP 550 (no such user)", RetryPolicy{});
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(*st, "failed");
  EXPECT_EQ(row(1).status, "failed");
  EXPECT_EQ(row(1).error, "SMTP 550 (no such user)");
  auto again = claim_due(*db_, "b", kNow + 10 * 86400, 300, 10);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

TEST_P(MailQueueContract, ParallelClaimsNeverShareAMessage) {
  for (int i = 1; i <= 40; ++i) add(i);
  std::mutex mu;
  std::multiset<std::int64_t> seen;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        auto got = claim_due(*db_, "owner-" + std::to_string(t), kNow, 300, 3);
        if (!got.ok()) continue;  // busy: try again
        if (got->empty()) return;
        std::lock_guard lock(mu);
        for (const auto& m : *got) seen.insert(m.id);
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(seen.size(), 40u);
  for (int i = 1; i <= 40; ++i) EXPECT_EQ(seen.count(i), 1u) << i;
}

TEST_P(MailQueueContract, RelayDownKeepsTheMessageQueuedWithTheError) {
  add(1);
  // A port nothing listens on: bind one, note it, close it.
  int port = 0;
  {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    ::close(fd);
  }
  SmtpSettings smtp;
  smtp.host = "127.0.0.1";
  smtp.port = port;
  smtp.starttls = "try";
  smtp.from_address = "noreply@lumbung.example";
  smtp.timeout_seconds = 10;
  FakeClock clock(kNow);
  Delivery delivery(*db_, smtp, RetryPolicy{}, clock, null_logger());
  auto sent = delivery.run_once();
  ASSERT_TRUE(sent.ok()) << sent.error().message();
  EXPECT_EQ(*sent, 0u);
  const auto r = row(1);
  EXPECT_EQ(r.status, "queued");
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.next, kNow + 60);
  EXPECT_FALSE(r.error.empty());
  // Not retried before its time.
  auto again = delivery.run_once();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(row(1).attempts, 1);
}

TEST_P(MailQueueContract, AnUnbuildableMessageFailsAtOnce) {
  add(1, "bad address@example.com");
  SmtpSettings smtp;
  smtp.host = "127.0.0.1";
  smtp.port = 1;
  smtp.from_address = "noreply@lumbung.example";
  FakeClock clock(kNow);
  Delivery delivery(*db_, smtp, RetryPolicy{}, clock, null_logger());
  ASSERT_TRUE(delivery.run_once().ok());
  EXPECT_EQ(row(1).status, "failed");
  EXPECT_NE(row(1).error.find("recipient"), std::string::npos) << row(1).error;
}

INSTANTIATE_TEST_SUITE_P(Engines, MailQueueContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::mail
