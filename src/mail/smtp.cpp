#include "mail/smtp.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>

#include "mail/message.hpp"

namespace lumbung::mail {

namespace {

struct Upload {
  const std::string* data;
  std::size_t pos = 0;
};

std::size_t read_payload(char* buffer, std::size_t size, std::size_t nitems, void* userp) {
  auto* up = static_cast<Upload*>(userp);
  const std::size_t room = size * nitems;
  const std::size_t n = std::min(room, up->data->size() - up->pos);
  std::memcpy(buffer, up->data->data() + up->pos, n);
  up->pos += n;
  return n;
}

}  // namespace

void smtp_global_init() {
  static const bool done = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)done;
}

SmtpOutcome smtp_send(const SmtpSettings& s, const std::string& to, const std::string& message) {
  SmtpOutcome out;
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    out.error = "libcurl: cannot start a transfer";
    return out;
  }
  const std::string scheme = s.port == 465 ? "smtps://" : "smtp://";
  std::string helo = address_domain(s.from_address);
  if (helo.empty()) helo = "localhost";
  const std::string url = scheme + s.host + ":" + std::to_string(s.port) + "/" + helo;
  const std::string from = "<" + s.from_address + ">";
  const std::string rcpt = "<" + to + ">";
  curl_slist* recipients = curl_slist_append(nullptr, rcpt.c_str());
  Upload upload{&message};
  char errbuf[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_payload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, std::min(15L, s.timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, s.timeout_seconds);
  if (s.port != 465) {
    const long tls = s.starttls == "off" ? CURLUSESSL_NONE : s.starttls == "try" ? CURLUSESSL_TRY : CURLUSESSL_ALL;
    curl_easy_setopt(curl, CURLOPT_USE_SSL, tls);
  }
  if (!s.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, s.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, s.password.c_str());
  }

  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.code);
  if (rc == CURLE_OK) {
    out.ok = true;
  } else {
    out.error = curl_easy_strerror(rc);
    if (errbuf[0] != '\0') out.error += std::string(": ") + errbuf;
    if (out.code != 0) out.error = "SMTP " + std::to_string(out.code) + " (" + out.error + ")";
  }
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  return out;
}

}  // namespace lumbung::mail
