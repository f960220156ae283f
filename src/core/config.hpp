// Settings of one Lumbung process. Defaults are written in place; cli/ applies
// config file, then LUMBUNG_* environment variables, then flags, and calls
// validate() before anything is opened.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lumbung {

struct Config {
  // Directory of the embedded store: lumbung.db, search/, files/.
  std::string data_dir = "./data";
  // Uploads; empty = <data_dir>/files. With several nodes, one directory all
  // of them mount (e.g. NFS), so a file uploaded on one is served by all.
  std::string files_dir;
  // Empty for the embedded SQLite store in data_dir, or postgresql://user@host/db.
  std::string database_url;
  // Where templates/, static/, i18n/ and migrations/ live; empty = found next to
  // the binary or in the source tree it was built from.
  std::string resource_dir;

  // Address to listen on. 0 picks a free port.
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  // Threads that run socket I/O, and threads that run request handlers.
  int io_threads = 1;
  int worker_threads = 4;
  // Database connections in the pool.
  int db_pool_size = 6;

  // Request limits: header block (431 past it), body (413 past it) and the
  // body of upload routes.
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t max_upload_bytes = 20 * 1024 * 1024;
  // Seconds a request may take to arrive, and a keep-alive connection may idle.
  int read_timeout_seconds = 15;
  int idle_timeout_seconds = 60;
  // Requests a client may pipeline before the server stops reading ahead.
  int max_pipelined = 8;
  // Seconds a read request may wait for a worker before it is answered 503
  // without running: under overload the server sheds what clients have likely
  // given up on instead of working through it after they left. 0: wait always.
  int queue_timeout_seconds = 10;

  // Public address of the site, used in links sent by mail, e.g.
  // "https://lumbung.go.id"; empty keeps links relative (shown to admins).
  std::string base_url;

  // trace, debug, info, warn, error, off.
  std::string log_level = "info";
  // Log line format: "text" or "json" (JSON lines, for log collectors).
  std::string log_format = "text";
  // Behind a reverse proxy: the client address (for rate limits and logs) is
  // the last X-Forwarded-For entry. Never set it when clients connect directly.
  bool trust_proxy = false;
  // Mark cookies Secure (set when served behind TLS).
  bool secure_cookies = false;

  // Outgoing mail through an SMTP relay; no host = delivery off (mail waits
  // in the queue). starttls: "required", "try" or "off" (port 465 is TLS
  // from the start). mail_retry_seconds: first retry delay, later ones scale
  // from it (1 min, 5 min, 30 min, 2 h, then every 6 h); mail_give_up_days:
  // a message still unsent after that many days is marked failed.
  std::string smtp_host;
  int smtp_port = 587;
  std::string smtp_starttls = "required";
  std::string smtp_user;
  std::string smtp_password;
  std::string mail_from;
  int mail_retry_seconds = 60;
  int mail_give_up_days = 3;
  // Notification mail: the hour (WIB, UTC+7) of daily digests and of weekly
  // ones on Mondays, and the days before a deadline when reminders go out
  // (comma-separated whole days, each 1-90).
  int digest_hour = 7;
  std::string reminder_days = "7,1";
};

// Where uploads live: files_dir, or <data_dir>/files.
std::string uploads_dir(const Config& config);

// reminder_days as whole days, largest first; nullopt when malformed.
std::optional<std::vector<int>> parse_reminder_days(const std::string& text);

// Every problem with the settings, one message each; empty when valid.
std::vector<std::string> validate(const Config& config);

}  // namespace lumbung
