// Sending one message through an SMTP relay with libcurl.
#pragma once

#include <cstdint>
#include <string>

namespace lumbung::mail {

struct SmtpSettings {
  std::string host;  // empty: delivery off
  int port = 587;    // 465 speaks TLS from the start (smtps), others STARTTLS
  // "required": STARTTLS or no delivery; "try": STARTTLS when offered;
  // "off": plain text (only for a relay on the same machine).
  std::string starttls = "required";
  std::string user;
  std::string password;
  std::string from_address;
  std::string from_name = "Lumbung Inovasi";
  long timeout_seconds = 60;
};

struct SmtpOutcome {
  bool ok = false;
  long code = 0;      // last SMTP reply code, 0 when none arrived
  std::string error;  // the relay's answer or the connection error; empty when ok
};

// Sends `message` (a whole RFC 5322 text with CRLF line endings) from
// settings.from_address to `to`. Blocks up to timeout_seconds.
// curl_global_init must have run (smtp_global_init) before threads call it.
SmtpOutcome smtp_send(const SmtpSettings& settings, const std::string& to, const std::string& message);

// libcurl's global initialisation; call once from the main thread.
void smtp_global_init();

}  // namespace lumbung::mail
