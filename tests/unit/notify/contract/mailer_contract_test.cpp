// Notification mail, run on SQLite and PostgreSQL: immediate mail in the
// recipient's language with text, HTML and an unsubscribe link; off and
// deactivated accounts get none; daily and weekly digests group and order
// their notices, go out at their hour once per period, and never repeat a
// notice; unsubscribe tokens; deadline reminders at the nearest offset only.
#include <gtest/gtest.h>

#include "notify/mailer.hpp"
#include "store/migrate.hpp"
#include "store/row.hpp"
#include "support/test_db.hpp"

namespace lumbung::notify {
namespace {

// Monday 2026-11-23 00:30 UTC = 07:30 WIB.
constexpr std::int64_t kMondayMorning = 1'795'392'000 + 30 * 60;

Catalog test_catalog() {
  std::map<std::string, std::string> id = {
      {"notify.lab.stage_returned", "Tahap {{stage}} ide \"{{idea}}\" dikembalikan"},
      {"notify.lab.stage_due", "Tahap {{stage}} jatuh tempo {{due}} ({{days}} hari lagi)"},
      {"notifikasi.category.lab", "Kerja laboratorium"},
      {"notifikasi.category.replication", "Replikasi"},
      {"notifikasi.frequency.daily", "ringkasan harian"},
      {"notifikasi.frequency.weekly", "ringkasan mingguan"},
      {"notifikasi.mail.subject", "{{text}}"},
      {"notifikasi.mail.subject_daily", "Ringkasan harian: {{count}} notifikasi"},
      {"notifikasi.mail.subject_weekly", "Ringkasan mingguan: {{count}} notifikasi"},
      {"notifikasi.mail.greeting", "Halo {{name}},"},
      {"notifikasi.mail.open", "Buka:"},
      {"notifikasi.mail.digest_lead", "{{count}} notifikasi baru."},
      {"notifikasi.mail.other", "Lainnya"},
      {"notifikasi.mail.footer_immediately", "Diatur segera: {{settings_url}}"},
      {"notifikasi.mail.footer_digest", "Diatur {{frequency}}: {{settings_url}}"},
      {"notifikasi.mail.unsubscribe", "Berhenti \"{{category}}\": {{url}}"},
      {"notifikasi.mail.unsubscribe_digest", "Berhenti {{frequency}}: {{url}}"},
      {"notifikasi.mail.unsubscribe_short", "Berhenti berlangganan"}};
  std::map<std::string, std::string> en = id;
  en["notify.lab.stage_returned"] = "Stage {{stage}} of \"{{idea}}\" returned";
  en["notifikasi.mail.greeting"] = "Hello {{name}},";
  return Catalog::from_maps({{"id", id}, {"en", en}});
}

struct Mail {
  std::string to, subject, text, html, unsubscribe, kind;
};

class MailerContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    LUMBUNG_TEST_DATABASE_OR_SKIP(tdb_, GetParam());
    auto db = tdb_->open(4);
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(*db);
    auto report = store::migrate(*db_, test::source_migrations_dir());
    ASSERT_TRUE(report.ok()) << report.error().message();
    add_user(1, "siti@parepare.go.id", "Siti", "id");
    add_user(2, "john@example.org", "John", "en");
    MailerOptions options;
    options.base_url = "https://lumbung.example/";
    mailer_ = std::make_unique<Mailer>(*db_, catalog_, clock_, options, make_logger("test", "off"));
  }

  void add_user(std::int64_t id, const std::string& email, const std::string& name, const std::string& lang,
                int active = 1) {
    auto lease = db_->acquire();
    long long i = id, t = kMondayMorning;
    *lease << "INSERT INTO users (id, email, name, active, created_at, updated_at, lang) "
              "VALUES (:id, :email, :name, :active, :t, :t2, :lang)",
        soci::use(i, "id"), soci::use(email, "email"), soci::use(name, "name"), soci::use(active, "active"),
        soci::use(t, "t"), soci::use(t, "t2"), soci::use(lang, "lang");
  }

  void notice(std::int64_t user, const std::string& idea, const std::string& group = "lab:1",
              const std::string& label = "Labinov Parepare", Category category = Category::lab) {
    Notice n;
    n.user_id = user;
    n.category = category;
    n.event = "lab.stage_returned";
    n.params = {{"idea", idea}, {"stage", "Diagnose"}};
    n.link = "/lab/1/ide/" + idea;
    n.group = group;
    n.group_label = label;
    auto st = db_->transact("t", [&](soci::session& sql) { return post(sql, n, clock_.now()); });
    ASSERT_TRUE(st.ok()) << st.error().message();
    clock_.advance(60);
  }

  void set(std::int64_t user, Category c, Frequency f) {
    Inbox inbox(*db_);
    auto s = *inbox.settings(user);
    s[c] = f;
    ASSERT_TRUE(inbox.save_settings(user, s).ok());
  }

  std::vector<Mail> outbox() {
    auto lease = db_->acquire();
    soci::rowset<soci::row> rows = (lease->prepare << "SELECT to_email, subject, body_text, body_html, "
                                                      "unsubscribe_url, kind FROM mail_outbox ORDER BY id");
    std::vector<Mail> out;
    for (const auto& r : rows)
      out.push_back({store::get_text(r, 0), store::get_text(r, 1), store::get_text(r, 2), store::get_text(r, 3),
                     store::get_text(r, 4), store::get_text(r, 5)});
    return out;
  }

  Catalog catalog_ = test_catalog();
  FakeClock clock_{kMondayMorning - 3 * 3600};  // 04:30 WIB: before the digest hour
  std::unique_ptr<test::TestDatabase> tdb_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Mailer> mailer_;
};

TEST_P(MailerContract, ImmediateMailIsInTheRecipientsLanguageWithHtmlAndUnsubscribe) {
  notice(1, "antrean");
  notice(2, "queue");
  auto queued = mailer_->mail_pending();
  ASSERT_TRUE(queued.ok()) << queued.error().message();
  EXPECT_EQ(*queued, 2u);
  auto mails = outbox();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0].to, "siti@parepare.go.id");
  EXPECT_EQ(mails[0].subject, "Tahap Diagnose ide \"antrean\" dikembalikan");
  EXPECT_NE(mails[0].text.find("Halo Siti,"), std::string::npos);
  EXPECT_NE(mails[0].text.find("https://lumbung.example/lab/1/ide/antrean"), std::string::npos);
  EXPECT_NE(mails[0].html.find("&quot;antrean&quot;"), std::string::npos) << "HTML text is escaped";
  EXPECT_EQ(mails[0].kind, "notice");
  EXPECT_EQ(mails[0].unsubscribe.rfind("https://lumbung.example/notifikasi/berhenti/1.lab.", 0), 0u);
  EXPECT_EQ(mails[1].subject, "Stage Diagnose of \"queue\" returned");
  EXPECT_NE(mails[1].text.find("Hello John,"), std::string::npos);
  // Nothing is mailed twice.
  EXPECT_EQ(*mailer_->mail_pending(), 0u);
  EXPECT_EQ(outbox().size(), 2u);
}

TEST_P(MailerContract, OffAndDeactivatedAccountsGetNoMailButKeepTheInbox) {
  add_user(3, "pensiun@parepare.go.id", "Pensiun", "id", /*active=*/0);
  set(1, Category::lab, Frequency::off);
  notice(1, "diam");
  notice(3, "tidak-aktif");
  EXPECT_EQ(*mailer_->mail_pending(), 0u);
  EXPECT_TRUE(outbox().empty());
  EXPECT_EQ(*Inbox(*db_).unread_count(1), 1);
  // A later digest does not pick them up either.
  clock_.set(kMondayMorning);
  EXPECT_EQ(*mailer_->send_due_digests(), 0u);
  EXPECT_TRUE(outbox().empty());
}

TEST_P(MailerContract, DailyDigestGroupsNewestFirstAndNeverRepeats) {
  set(1, Category::lab, Frequency::daily);
  set(1, Category::replication, Frequency::daily);
  notice(1, "satu", "lab:1", "Labinov Parepare");
  notice(1, "dua", "innovation:9", "SIPINTAR", Category::replication);
  notice(1, "tiga", "lab:1", "Labinov Parepare");
  ASSERT_EQ(*mailer_->mail_pending(), 0u);
  // Before 07:00 WIB nothing goes out.
  ASSERT_EQ(*mailer_->send_due_digests(), 0u);
  EXPECT_TRUE(outbox().empty());
  clock_.set(kMondayMorning);
  ASSERT_EQ(*mailer_->send_due_digests(), 1u);
  auto mails = outbox();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].kind, "digest");
  EXPECT_EQ(mails[0].subject, "Ringkasan harian: 3 notifikasi");
  const auto& t = mails[0].text;
  // The lab group holds the newest notice, so it comes first; inside it, newest first.
  const auto lab = t.find("== Labinov Parepare =="), sipintar = t.find("== SIPINTAR ==");
  const auto tiga = t.find("\"tiga\""), satu = t.find("\"satu\""), dua = t.find("\"dua\"");
  ASSERT_NE(lab, std::string::npos);
  ASSERT_NE(sipintar, std::string::npos);
  EXPECT_LT(lab, tiga);
  EXPECT_LT(tiga, satu);
  EXPECT_LT(satu, sipintar);
  EXPECT_LT(sipintar, dua);
  EXPECT_EQ(mails[0].unsubscribe.rfind("https://lumbung.example/notifikasi/berhenti/1.daily.", 0), 0u);
  // Same day again: the run is recorded. A later day: nothing new to send.
  EXPECT_EQ(*mailer_->send_due_digests(), 0u);
  clock_.advance(86400);
  EXPECT_EQ(*mailer_->send_due_digests(), 0u);
  EXPECT_EQ(outbox().size(), 1u);
  // A new notice goes in the next day's digest, alone.
  notice(1, "empat");
  ASSERT_EQ(*mailer_->mail_pending(), 0u);
  clock_.advance(86400);
  ASSERT_EQ(*mailer_->send_due_digests(), 1u);
  mails = outbox();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[1].subject, "Ringkasan harian: 1 notifikasi");
  EXPECT_EQ(mails[1].text.find("\"satu\""), std::string::npos);
}

TEST_P(MailerContract, WeeklyDigestWaitsForMonday) {
  set(1, Category::lab, Frequency::weekly);
  clock_.set(kMondayMorning + 86400);           // Tuesday 07:30 WIB: this week's Monday run is due (no digest yet)
  ASSERT_EQ(*mailer_->send_due_digests(), 0u);  // records this week's run with nothing in it
  notice(1, "selasa");
  ASSERT_EQ(*mailer_->mail_pending(), 0u);
  clock_.set(kMondayMorning + 5 * 86400);  // Saturday
  EXPECT_EQ(*mailer_->send_due_digests(), 0u);
  EXPECT_TRUE(outbox().empty());
  clock_.set(kMondayMorning + 7 * 86400 - 3600);  // next Monday 06:30 WIB
  EXPECT_EQ(*mailer_->send_due_digests(), 0u);
  clock_.set(kMondayMorning + 7 * 86400);  // next Monday 07:30 WIB
  ASSERT_EQ(*mailer_->send_due_digests(), 1u);
  auto mails = outbox();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].subject, "Ringkasan mingguan: 1 notifikasi");
}

TEST_P(MailerContract, UnsubscribeTokensAreSignedPerUser) {
  notice(1, "antrean");
  ASSERT_EQ(*mailer_->mail_pending(), 1u);
  const auto url = outbox()[0].unsubscribe;
  const auto token = url.substr(url.rfind('/') + 1);
  auto ok = check_unsubscribe(*db_, token);
  ASSERT_TRUE(ok.ok());
  ASSERT_TRUE(ok->has_value());
  EXPECT_EQ((*ok)->user_id, 1);
  EXPECT_EQ((*ok)->what, "lab");
  auto forged = token;
  forged.back() = forged.back() == '0' ? '1' : '0';
  for (const auto& bad : {forged, std::string("2.lab.") + token.substr(token.rfind('.') + 1),
                          std::string("1.replication.") + token.substr(token.rfind('.') + 1), std::string("x"),
                          std::string("1..x"), std::string("-1.lab.abc"), std::string("")})
    EXPECT_FALSE(check_unsubscribe(*db_, bad)->has_value()) << bad;
  auto off = apply_unsubscribe(*db_, **ok);
  ASSERT_TRUE(off.ok());
  ASSERT_EQ(off->size(), 1u);
  EXPECT_EQ(Inbox(*db_).settings(1)->at(Category::lab), Frequency::off);
  EXPECT_EQ(Inbox(*db_).settings(1)->at(Category::replication), Frequency::immediately);
  // A digest link turns off every category of that frequency.
  set(1, Category::replication, Frequency::daily);
  set(1, Category::competition, Frequency::daily);
  auto daily = apply_unsubscribe(*db_, Unsubscribe{1, "daily"});
  ASSERT_TRUE(daily.ok());
  EXPECT_EQ(daily->size(), 2u);
  EXPECT_EQ(Inbox(*db_).settings(1)->at(Category::competition), Frequency::off);
}

TEST_P(MailerContract, RemindersGoOutAtTheNearestOffsetOnce) {
  const std::int64_t due = clock_.now() + 10 * 86400;
  mailer_->add_deadline_source([&](std::int64_t, std::int64_t) -> Result<std::vector<Deadline>> {
    Deadline d;
    d.key = "lab:1:stage:diagnose";
    d.category = Category::lab;
    d.event = "lab.stage_due";
    d.params = {{"stage", "Diagnose"}};
    d.link = "/lab/1";
    d.group = "lab:1";
    d.group_label = "Labinov Parepare";
    d.due_at = due;
    d.recipients = {1, 2};
    return std::vector<Deadline>{d};
  });
  EXPECT_EQ(*mailer_->send_reminders(), 0u);  // 10 days out: outside 7 days
  clock_.set(due - 6 * 86400);
  EXPECT_EQ(*mailer_->send_reminders(), 2u);
  EXPECT_EQ(*mailer_->send_reminders(), 0u);
  auto items = *Inbox(*db_).list(1, 0, 10);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(render_text(catalog_, "id", items[0]), "Tahap Diagnose jatuh tempo 2026-12-03 (6 hari lagi)");
  clock_.set(due - 3600);  // inside 1 day
  EXPECT_EQ(*mailer_->send_reminders(), 2u);
  EXPECT_EQ(*mailer_->send_reminders(), 0u);
  clock_.set(due + 60);  // past due: nothing
  EXPECT_EQ(*mailer_->send_reminders(), 0u);
  EXPECT_EQ(Inbox(*db_).list(1, 0, 10)->size(), 2u);
}

TEST_P(MailerContract, ALateDeadlineGetsOnlyTheNearestReminder) {
  const std::int64_t due = clock_.now() + 12 * 3600;
  mailer_->add_deadline_source([&](std::int64_t, std::int64_t) -> Result<std::vector<Deadline>> {
    Deadline d;
    d.key = "iid:2026:window";
    d.category = Category::index;
    d.event = "lab.stage_due";
    d.due_at = due;
    d.recipients = {1};
    return std::vector<Deadline>{d};
  });
  EXPECT_EQ(*mailer_->send_reminders(), 1u);
  clock_.advance(3600);
  EXPECT_EQ(*mailer_->send_reminders(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Engines, MailerContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::notify
