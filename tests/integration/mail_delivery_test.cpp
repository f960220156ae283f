// Outgoing mail through a real SMTP relay: the built binary with a local
// aiosmtpd sink (tests/integration/smtp_sink.py) on loopback. An invitation
// made on the admin page arrives once with the right recipient and subject;
// with the relay down the message waits with the error recorded and goes out
// exactly once when the relay comes up. Every wait polls with a generous
// deadline; nothing depends on timing.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/http_session.hpp"
#include "support/server_process.hpp"
#include "support/test_dirs.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

const std::string kPassword = "kata-sandi-uji-panjang";
const std::string kAdmin = "admin@lumbung.go.id";
const std::string kSubject = "Subject: Undangan bergabung di Lumbung Inovasi";

// A loopback port nothing listens on (bound, noted, closed).
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return 0;
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string python() { return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3"; }

// The sink as a child process; stopped (SIGTERM) when destroyed.
class SmtpSink {
 public:
  SmtpSink(int port, fs::path dir) : dir_(std::move(dir)) {
    int pipefd[2];
    if (::pipe(pipefd) != 0) return;
    const std::string script = std::string(LUMBUNG_SOURCE_DIR) + "/tests/integration/smtp_sink.py";
    const std::string py = python(), p = std::to_string(port), d = dir_.string();
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(pipefd[1], 1);
      ::close(pipefd[0]);
      ::close(pipefd[1]);
      ::execlp(py.c_str(), py.c_str(), script.c_str(), p.c_str(), d.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(pipefd[1]);
    // Wait (up to 60 s) for "ready".
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (out.find("ready") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd pfd{pipefd[0], POLLIN, 0};
      if (::poll(&pfd, 1, 500) <= 0) continue;
      char buf[256];
      const auto n = ::read(pipefd[0], buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;  // a signal (a child exiting) is not the end
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(pipefd[0]);
    ready_ = out.find("ready") != std::string::npos;
    // However the pipe ended, the sink is ready once its port accepts.
    while (!ready_ && std::chrono::steady_clock::now() < deadline) {
      ready_ = accepts(port);
      if (!ready_) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }

  static bool accepts(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
  }
  // SIGTERM, and SIGKILL if the sink is still there after 10 s (aiosmtpd's
  // stop can wait on a connection the server has not closed yet).
  ~SmtpSink() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
  }
  bool ready() const { return ready_; }

  // Messages received so far, oldest first.
  std::vector<std::string> messages() const {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir_))
      if (e.path().extension() == ".eml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back(ss.str());
    }
    return out;
  }

 private:
  fs::path dir_;
  int pid_ = -1;
  bool ready_ = false;
};

// Polls `done` every 200 ms for up to `seconds`.
bool eventually(const std::function<bool()>& done, int seconds = 90) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return done();
}

std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

class MailDelivery : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::fresh_dir("data");
    auto r = run_lumbung_with_input({"user", "add", "--data", dir_.string(), "--email", kAdmin, "--name", "Admin Uji",
                                     "--role", "admin", "--scope", "national", "--password-stdin"},
                                    kPassword + "\n");
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }

  std::unique_ptr<ServerProcess> serve(int smtp_port) {
    std::vector<std::string> args = {"--data", dir_.string()};
    if (smtp_port > 0) {
      for (const std::string& a :
           {std::string("--smtp-host"), std::string("127.0.0.1"), std::string("--smtp-port"), std::to_string(smtp_port),
            std::string("--smtp-starttls"), std::string("try"), std::string("--mail-from"),
            std::string("noreply@lumbung.test"), std::string("--mail-retry-seconds"), std::string("1")})
        args.push_back(a);
    }
    return std::make_unique<ServerProcess>(args);
  }

  static void invite(int port, const Browser& admin, const std::string& email, const std::string& name) {
    auto r = send(port, "POST", "/admin/pengguna/undang", admin,
                  "email=" + form_encode(email) + "&name=" + form_encode(name) + "&peran=participant&cakupan=nasional");
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
    ASSERT_NE(r.body.find("/undangan/"), std::string::npos) << r.body.substr(0, 2000);
  }

  static std::string mail_page(int port, const Browser& admin) {
    auto r = send(port, "GET", "/admin/surat", admin);
    EXPECT_EQ(r.status, 200);
    return r.body;
  }

  fs::path dir_;
};

TEST_F(MailDelivery, AnInvitationArrivesOnceWithItsRecipientAndSubject) {
  const int smtp_port = free_port();
  ASSERT_GT(smtp_port, 0);
  SmtpSink sink(smtp_port, test::fresh_dir("sink"));
  ASSERT_TRUE(sink.ready()) << "the SMTP sink did not start (" << python()
                            << " with aiosmtpd; Debian: apt-get install python3-aiosmtpd)";
  auto server = serve(smtp_port);
  auto admin = log_in(server->port(), kAdmin, kPassword);
  invite(server->port(), admin, "Siti.Baru@parepare.go.id", "Siti Baru");

  ASSERT_TRUE(eventually([&] { return sink.messages().size() >= 1; })) << mail_page(server->port(), admin);
  ASSERT_TRUE(
      eventually([&] { return mail_page(server->port(), admin).find("data-status=\"sent\"") != std::string::npos; }));
  // A second invitation arrives after the first: by then any repeat of the first would have arrived too.
  invite(server->port(), admin, "budi@makassarkota.go.id", "Budi");
  ASSERT_TRUE(eventually([&] { return sink.messages().size() >= 2; }));
  const auto all = sink.messages();
  ASSERT_EQ(all.size(), 2u);
  const auto& m = all[0];
  EXPECT_EQ(m.rfind("X-Sink-Rcpt: siti.baru@parepare.go.id\r\n", 0), 0u) << m;
  EXPECT_NE(m.find("\r\nTo: <siti.baru@parepare.go.id>\r\n"), std::string::npos) << m;
  EXPECT_NE(m.find("\r\n" + kSubject + "\r\n"), std::string::npos) << m;
  EXPECT_NE(m.find("\r\nFrom: \"Lumbung Inovasi\" <noreply@lumbung.test>\r\n"), std::string::npos) << m;
  EXPECT_NE(m.find("\r\nMessage-ID: <lumbung."), std::string::npos) << m;
  EXPECT_NE(m.find("/undangan/"), std::string::npos) << m;
  EXPECT_EQ(all[1].rfind("X-Sink-Rcpt: budi@makassarkota.go.id\r\n", 0), 0u) << all[1];
  EXPECT_EQ(count_of(all[0] + all[1], "siti.baru@parepare.go.id"), 2u);  // envelope + To of one message
}

TEST_F(MailDelivery, RelayDownKeepsTheMessageQueuedThenDeliversItExactlyOnce) {
  const int smtp_port = free_port();
  ASSERT_GT(smtp_port, 0);
  auto server = serve(smtp_port);  // nothing listens on smtp_port yet
  auto admin = log_in(server->port(), kAdmin, kPassword);
  invite(server->port(), admin, "tertunda@parepare.go.id", "Tertunda");

  // The failed attempt is recorded: still queued (shown as retrying), with the error.
  ASSERT_TRUE(eventually([&] {
    const auto page = mail_page(server->port(), admin);
    return page.find("data-status=\"retrying\"") != std::string::npos &&
           page.find("class=\"mail-error\"") != std::string::npos;
  })) << mail_page(server->port(), admin);
  const auto page = mail_page(server->port(), admin);
  EXPECT_EQ(page.find("data-status=\"sent\""), std::string::npos);
  EXPECT_NE(page.find("Dicoba lagi"), std::string::npos);
  EXPECT_NE(page.find("Jawaban server"), std::string::npos);

  const auto sink_dir = test::fresh_dir("sink");
  SmtpSink sink(smtp_port, sink_dir);
  ASSERT_TRUE(sink.ready()) << "the SMTP sink did not start on port " << smtp_port;
  ASSERT_TRUE(eventually([&] { return sink.messages().size() >= 1; }, 180)) << mail_page(server->port(), admin);
  ASSERT_TRUE(
      eventually([&] { return mail_page(server->port(), admin).find("data-status=\"sent\"") != std::string::npos; }));
  // A later message arrives after it, so a repeat of the first would be visible by now.
  invite(server->port(), admin, "berikutnya@parepare.go.id", "Berikutnya");
  ASSERT_TRUE(eventually([&] { return sink.messages().size() >= 2; }));
  const auto all = sink.messages();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].rfind("X-Sink-Rcpt: tertunda@parepare.go.id\r\n", 0), 0u) << all[0];
  EXPECT_NE(all[0].find("\r\n" + kSubject + "\r\n"), std::string::npos) << all[0];
  EXPECT_EQ(all[1].rfind("X-Sink-Rcpt: berikutnya@parepare.go.id\r\n", 0), 0u) << all[1];
}

// A notice end to end: a role given on the admin page shows in the user's
// bell and inbox, arrives as mail with text and HTML parts and a one-click
// unsubscribe address, and that address (posted without cookies, as mail
// programs do) turns the category's mail off.
TEST_F(MailDelivery, ANoticeReachesTheInboxAndTheMailboxAndCanBeUnsubscribed) {
  const std::string kUser = "peserta.notif@parepare.go.id";
  auto added = run_lumbung_with_input({"user", "add", "--data", dir_.string(), "--email", kUser, "--name", "Peserta Notif",
                                       "--role", "participant", "--scope", "national", "--password-stdin"},
                                      kPassword + "\n");
  ASSERT_EQ(added.exit_code, 0) << added.output;
  std::smatch found;  // "user <id> <email> (...)" among the log lines
  ASSERT_TRUE(std::regex_search(added.output, found, std::regex("user (\\d+) " + std::string("peserta"))))
      << added.output;
  const std::string user_id = found[1].str();
  const int smtp_port = free_port();
  ASSERT_GT(smtp_port, 0);
  SmtpSink sink(smtp_port, test::fresh_dir("sink"));
  ASSERT_TRUE(sink.ready());
  std::vector<std::string> args = {"--data", dir_.string(), "--smtp-host", "127.0.0.1", "--smtp-port",
                                   std::to_string(smtp_port), "--smtp-starttls", "try", "--mail-from",
                                   "noreply@lumbung.test", "--base-url", "https://lumbung.test"};
  ServerProcess server(args);
  auto admin = log_in(server.port(), kAdmin, kPassword);
  auto granted = send(server.port(), "POST", "/admin/pengguna/" + user_id + "/peran", admin,
                      "peran=coach&cakupan=region%3A73.72");
  ASSERT_EQ(granted.status, 303) << granted.body.substr(0, 800);

  auto user = log_in(server.port(), kUser, kPassword);
  const auto home = send(server.port(), "GET", "/", user).body;
  EXPECT_NE(home.find("<span class=\"count\">1</span>"), std::string::npos) << "the bell shows one unread";
  const auto inbox = send(server.port(), "GET", "/notifikasi", user).body;
  EXPECT_NE(inbox.find("Anda mendapat peran Coach / narasumber (cakupan Kota Parepare)"), std::string::npos) << inbox.substr(0, 3000);

  ASSERT_TRUE(eventually([&] {
    for (const auto& m : sink.messages())
      if (m.rfind("X-Sink-Rcpt: " + kUser, 0) == 0) return true;
    return false;
  })) << mail_page(server.port(), admin);
  std::string mail;
  for (const auto& m : sink.messages())
    if (m.rfind("X-Sink-Rcpt: " + kUser, 0) == 0) mail = m;
  EXPECT_NE(mail.find("Content-Type: multipart/alternative"), std::string::npos) << mail;
  EXPECT_NE(mail.find("Content-Type: text/html; charset=UTF-8"), std::string::npos);
  EXPECT_NE(mail.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), std::string::npos);
  const std::string marker = "List-Unsubscribe: <https://lumbung.test";
  const auto at = mail.find(marker);
  ASSERT_NE(at, std::string::npos) << mail;
  const auto path = mail.substr(at + marker.size(), mail.find('>', at) - at - marker.size());
  EXPECT_EQ(path.rfind("/notifikasi/berhenti/" + user_id + ".account.", 0), 0u) << path;

  // Opening the link only asks; the one-click POST (no cookies, no CSRF token) does it.
  Browser mail_program;
  auto ask = send(server.port(), "GET", path, mail_program);
  EXPECT_EQ(ask.status, 200);
  EXPECT_NE(ask.body.find("Ya, berhenti"), std::string::npos);
  EXPECT_NE(send(server.port(), "GET", "/notifikasi/pengaturan", user).body.find("name=\"account\" value=\"immediately\" checked"),
            std::string::npos);
  auto done = send(server.port(), "POST", path, mail_program, "List-Unsubscribe=One-Click", /*with_csrf=*/false);
  EXPECT_EQ(done.status, 200) << done.body.substr(0, 1000);
  const auto settings = send(server.port(), "GET", "/notifikasi/pengaturan", user).body;
  EXPECT_NE(settings.find("name=\"account\" value=\"off\" checked"), std::string::npos) << settings.substr(0, 4000);
  // A forged token changes nothing.
  auto forged = send(server.port(), "POST", path.substr(0, path.size() - 1) + (path.back() == 'a' ? "b" : "a"),
                     mail_program, "List-Unsubscribe=One-Click", false);
  EXPECT_EQ(forged.status, 404);
}

TEST_F(MailDelivery, WithoutARelayMailStaysQueuedAndThePageSaysSo) {
  auto server = serve(0);
  auto admin = log_in(server->port(), kAdmin, kPassword);
  invite(server->port(), admin, "antre@parepare.go.id", "Antre");
  const auto page = mail_page(server->port(), admin);
  EXPECT_NE(page.find("data-mail=\"off\""), std::string::npos) << page;
  EXPECT_NE(page.find("data-status=\"queued\""), std::string::npos) << page;
  EXPECT_NE(page.find("antre@parepare.go.id"), std::string::npos);
}

}  // namespace
}  // namespace lumbung
