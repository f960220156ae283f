// MIME messages, header injection and the retry schedule.
#include "mail/message.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mail/queue.hpp"

namespace lumbung::mail {
namespace {

OutgoingMail sample() {
  OutgoingMail m;
  m.from_address = "noreply@lumbung.example";
  m.from_name = "Lumbung Inovasi";
  m.to_address = "siti@parepare.go.id";
  m.to_name = "Siti";
  m.subject = "Undangan bergabung di Lumbung Inovasi";
  m.body_text = "Halo Siti,\n\nBuka tautan berikut:\nhttps://lumbung.example/undangan/abc_DEF-123\n";
  m.message_id = "lumbung.7.1700000000@lumbung.example";
  m.date = 1700000000;
  return m;
}

// Header block of a message (up to the first empty line).
std::string headers_of(const std::string& msg) { return msg.substr(0, msg.find("\r\n\r\n") + 2); }

std::vector<std::string> header_lines(const std::string& msg) {
  std::vector<std::string> out;
  const auto h = headers_of(msg);
  std::size_t pos = 0;
  while (pos < h.size()) {
    const auto end = h.find("\r\n", pos);
    out.push_back(h.substr(pos, end - pos));
    pos = end + 2;
  }
  return out;
}

TEST(MailMessage, HasTheStandardHeadersAndAPlainTextPart) {
  auto msg = build_message(sample());
  ASSERT_TRUE(msg.ok()) << msg.error().message();
  const auto h = headers_of(*msg);
  EXPECT_NE(h.find("Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"), std::string::npos) << h;
  EXPECT_NE(h.find("Message-ID: <lumbung.7.1700000000@lumbung.example>\r\n"), std::string::npos);
  EXPECT_NE(h.find("From: \"Lumbung Inovasi\" <noreply@lumbung.example>\r\n"), std::string::npos);
  EXPECT_NE(h.find("To: \"Siti\" <siti@parepare.go.id>\r\n"), std::string::npos);
  EXPECT_NE(h.find("Subject: Undangan bergabung di Lumbung Inovasi\r\n"), std::string::npos);
  EXPECT_NE(h.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(h.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(h.find("Content-Transfer-Encoding: quoted-printable\r\n"), std::string::npos);
  const auto body = msg->substr(msg->find("\r\n\r\n") + 4);
  EXPECT_EQ(body, "Halo Siti,\r\n\r\nBuka tautan berikut:\r\nhttps://lumbung.example/undangan/abc_DEF-123\r\n");
  // Every line ends with CRLF: no bare LF anywhere.
  for (std::size_t i = 0; i < msg->size(); ++i) {
    if ((*msg)[i] == '\n') {
      ASSERT_TRUE(i > 0 && (*msg)[i - 1] == '\r') << "bare LF at " << i;
    }
  }
}

TEST(MailMessage, NonAsciiSubjectAndNameAreEncodedWords) {
  auto m = sample();
  m.subject = "Undangan: Inovasi Daerah — Kabupaten Sigi ✓";
  m.to_name = "Ayu Ṣaraswati";
  auto msg = build_message(m);
  ASSERT_TRUE(msg.ok());
  const auto h = headers_of(*msg);
  EXPECT_NE(h.find("Subject: =?UTF-8?B?"), std::string::npos) << h;
  EXPECT_NE(h.find("To: =?UTF-8?B?"), std::string::npos) << h;
  EXPECT_NE(h.find("?= <siti@parepare.go.id>\r\n"), std::string::npos) << h;
  for (unsigned char c : h) EXPECT_LT(c, 0x80) << "raw 8-bit byte in the header block";
  // The trailing space is trimmed; "Undangan: Inovasi Daerah —" in base64.
  EXPECT_EQ(encode_header_text("Undangan: Inovasi Daerah — "), "=?UTF-8?B?VW5kYW5nYW46IElub3Zhc2kgRGFlcmFoIOKAlA==?=");
}

TEST(MailMessage, LongEncodedHeadersFoldWithoutSplittingCharacters) {
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "é";  // 80 bytes of two-byte characters
  const auto enc = encode_header_text(subject);
  std::size_t start = 0;
  int words = 0;
  while (start < enc.size()) {
    auto end = enc.find("\r\n ", start);
    const auto word = enc.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u) << word;
    ++words;
    if (end == std::string::npos) break;
    start = end + 3;
  }
  EXPECT_EQ(words, 2);
  // 45 bytes per word would split an "é": each word holds 22 characters (44 bytes).
  EXPECT_EQ(enc.substr(0, enc.find("\r\n")),
            "=?UTF-8?B?" + std::string("w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6k=") + "?=");
}

struct Injection {
  const char* field;
  const char* value;
};

class HeaderInjection : public ::testing::TestWithParam<Injection> {};

TEST_P(HeaderInjection, NamesAndSubjectsCannotAddHeaders) {
  auto m = sample();
  const std::string field = GetParam().field;
  if (field == "subject") m.subject = GetParam().value;
  if (field == "to_name") m.to_name = GetParam().value;
  if (field == "from_name") m.from_name = GetParam().value;
  auto msg = build_message(m);
  ASSERT_TRUE(msg.ok()) << msg.error().message();
  for (const auto& line : header_lines(*msg)) {
    EXPECT_EQ(line.rfind("Bcc", 0), std::string::npos) << line;
    EXPECT_EQ(line.rfind("bcc", 0), std::string::npos) << line;
    EXPECT_EQ(line.rfind("X-Evil", 0), std::string::npos) << line;
    EXPECT_EQ(line.find('\r'), std::string::npos) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  }
  // The body still starts right after the one empty line that ends the headers.
  EXPECT_EQ(msg->substr(msg->find("\r\n\r\n") + 4, 10), "Halo Siti,");
}

INSTANTIATE_TEST_SUITE_P(Mail, HeaderInjection,
                         ::testing::Values(Injection{"subject", "Hi\r\nBcc: victim@example.com"},
                                           Injection{"subject", "Hi\nBcc: victim@example.com"},
                                           Injection{"subject", "Hi\rX-Evil: 1"},
                                           Injection{"subject", "Héllo\r\nBcc: victim@example.com"},
                                           Injection{"subject", "Hi\r\n\r\nforged body"},
                                           Injection{"to_name", "Siti\r\nBcc: victim@example.com"},
                                           Injection{"to_name", "Siti\" <a@b.c>\r\nX-Evil: 1"},
                                           Injection{"from_name", "Lumbung\nBcc: victim@example.com"}));

TEST(MailMessage, CleanHeaderTextReplacesControlCharacters) {
  EXPECT_EQ(clean_header_text("Hi\r\nBcc: x@y.z"), "Hi Bcc: x@y.z");
  EXPECT_EQ(clean_header_text("  a\t\tb \x01 c  "), "a b c");
  EXPECT_EQ(clean_header_text(""), "");
}

TEST(MailMessage, AddressesWithInjectionAreRefused) {
  for (const char* bad : {"a@b.c\r\nBcc: victim@example.com", "a@b.c\nBcc: v@x.y", "a b@c.d", "<a@b.c>", "a@b.c,v@x.y",
                          "a@b.c;v@x.y", "ab.c", "@b.c", "a@", "a@b@c", "\"a\"@b.c", ""}) {
    EXPECT_FALSE(valid_address(bad)) << bad;
    auto m = sample();
    m.to_address = bad;
    EXPECT_FALSE(build_message(m).ok()) << bad;
    m = sample();
    m.from_address = bad;
    EXPECT_FALSE(build_message(m).ok()) << bad;
  }
  EXPECT_TRUE(valid_address("siti.nurhaliza+lab@parepare.go.id"));
}

TEST(MailMessage, QuotedPrintableEncodesWhatMustBeEncoded) {
  EXPECT_EQ(quoted_printable("a=b"), "a=3Db");
  EXPECT_EQ(quoted_printable("Sigi é"), "Sigi =C3=A9");
  EXPECT_EQ(quoted_printable("trailing \nnext"), "trailing=20\r\nnext");
  EXPECT_EQ(quoted_printable("x\r\ny"), "x\r\ny");
  const std::string long_line(200, 'a');
  const auto enc = quoted_printable(long_line);
  std::size_t pos = 0, total = 0;
  while (pos < enc.size()) {
    auto end = enc.find("\r\n", pos);
    if (end == std::string::npos) end = enc.size();
    const auto line = enc.substr(pos, end - pos);
    EXPECT_LE(line.size(), 76u);
    total += line.size() - (line.back() == '=' ? 1 : 0);
    pos = end + 2;
  }
  EXPECT_EQ(total, 200u);
}

TEST(MailMessage, HtmlBodyMakesAMultipartAlternative) {
  auto m = sample();
  m.body_html = "<!doctype html><p>Halo <b>Siti</b> = hadir</p>";
  auto text = build_message(m);
  ASSERT_TRUE(text.ok()) << text.error().message();
  const auto head = headers_of(*text);
  const std::string marker = "Content-Type: multipart/alternative; boundary=\"";
  const auto at = head.find(marker);
  ASSERT_NE(at, std::string::npos) << head;
  const auto boundary = head.substr(at + marker.size(), head.find('"', at + marker.size()) - at - marker.size());
  const auto first = text->find("\r\n--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8");
  const auto second = text->find("\r\n--" + boundary + "\r\nContent-Type: text/html; charset=UTF-8");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_NE(text->find("--" + boundary + "--\r\n"), std::string::npos);
  // The HTML's '=' is quoted-printable encoded, so no body line can look like the boundary.
  EXPECT_NE(text->find("hadir</p>"), std::string::npos);
  EXPECT_NE(text->find("=3D hadir"), std::string::npos);
  EXPECT_EQ(text->find("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                       "Halo Siti"),
            text->find("Content-Type: text/plain; charset=UTF-8"));
}

TEST(MailMessage, UnsubscribeAddressAddsOneClickHeaders) {
  auto m = sample();
  m.unsubscribe_url = "https://lumbung.example/notifikasi/berhenti/7.lab.abc";
  auto text = build_message(m);
  ASSERT_TRUE(text.ok());
  const auto head = headers_of(*text);
  EXPECT_NE(head.find("List-Unsubscribe: <https://lumbung.example/notifikasi/berhenti/7.lab.abc>\r\n"),
            std::string::npos);
  EXPECT_NE(head.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), std::string::npos);
  EXPECT_EQ(headers_of(*build_message(sample())).find("List-Unsubscribe"), std::string::npos);
  for (const char* bad : {"https://x.example/a>\r\nBcc: victim@x.example", "javascript:alert(1)", "/relative/path",
                          "https://x.example/a b"}) {
    m.unsubscribe_url = bad;
    auto refused = build_message(m);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().code(), ErrorCode::invalid);
  }
}

TEST(MailRetry, BackOffScheduleThenEverySixHours) {
  const std::vector<std::int64_t> expected = {60, 300, 1800, 7200, 21600, 21600, 21600};
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(retry_delay(static_cast<int>(i) + 1), expected[i]) << "after failure " << i + 1;
  EXPECT_EQ(retry_delay(0), 60);
  EXPECT_EQ(retry_delay(3, 2), 60);  // scaled from a 2 s first delay
}

}  // namespace
}  // namespace lumbung::mail
