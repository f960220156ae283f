// Outgoing messages as RFC 5322 / MIME text: headers (Date, Message-ID,
// From, To, Subject as RFC 2047 encoded-words when not ASCII) and one
// text/plain UTF-8 part in quoted-printable, or, with an HTML body, a
// multipart/alternative of the text and the HTML part. An unsubscribe
// address adds List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). Nothing a user typed can add a
// header: addresses with control characters, spaces or angle brackets are
// refused, and CR, LF and other control characters in names and subjects are
// replaced by spaces before encoding.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.hpp"

namespace lumbung::mail {

struct OutgoingMail {
  std::string from_address;  // "noreply@lumbung.go.id"
  std::string from_name;     // "Lumbung Inovasi"; may be empty
  std::string to_address;
  std::string to_name;  // may be empty
  std::string subject;
  std::string body_text;   // UTF-8, lines separated by \n or \r\n
  std::string body_html;   // "" = text only; else a whole HTML document, UTF-8
  std::string unsubscribe_url;  // "" = none; else an https/http URL answering one-click POSTs
  std::string message_id;  // without angle brackets: "lumbung.12.1700000000@lumbung.go.id"
  std::int64_t date = 0;   // unix seconds
};

// True for a plain address local@domain: printable ASCII without spaces,
// quotes, angle brackets, commas, semicolons or backslashes, one '@', both
// sides non-empty, at most 254 bytes.
bool valid_address(const std::string& address);

// Text for a header: every control character (CR, LF, TAB, ...) becomes a
// space, runs of spaces collapse, ends trimmed.
std::string clean_header_text(const std::string& text);

// A cleaned header value: as is when printable ASCII, else RFC 2047
// encoded-words (=?UTF-8?B?...?=) of at most 75 characters each, joined by
// CRLF SP (folding), never splitting a UTF-8 sequence.
std::string encode_header_text(const std::string& text);

// "Name <addr>" for From/To (name quoted or encoded), or "<addr>" without a name.
std::string format_mailbox(const std::string& name, const std::string& address);

// Quoted-printable (RFC 2045) of `text` with CRLF line breaks, lines at most 76.
std::string quoted_printable(const std::string& text);

// "Tue, 14 Nov 2023 22:13:20 +0000".
std::string rfc5322_date(std::int64_t unix_seconds);

// The whole message, CRLF line endings. Fails (invalid) when an address or
// the Message-ID is not acceptable.
Result<std::string> build_message(const OutgoingMail& mail);

// Domain part of an address ("" when none).
std::string address_domain(const std::string& address);

}  // namespace lumbung::mail
