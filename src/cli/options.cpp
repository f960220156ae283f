#include <cstdlib>
#include <iostream>

#include "cli/app.hpp"

namespace lumbung::cli {

void add_common_options(CLI::App& cmd, Config& c) {
  cmd.add_option("--data", c.data_dir, "Data directory: lumbung.db, search/, files/")
      ->envname("LUMBUNG_DATA")->capture_default_str();
  cmd.add_option("--database", c.database_url, "postgresql://USER@HOST:PORT/DB (default: SQLite in --data)")
      ->envname("LUMBUNG_DATABASE");
  cmd.add_option("--files", c.files_dir, "Uploads directory (default <data>/files); shared by every node of a cluster")
      ->envname("LUMBUNG_FILES");
  cmd.add_option("--resources", c.resource_dir, "Directory holding templates/, static/, i18n/, migrations/")
      ->envname("LUMBUNG_RESOURCES");
  cmd.add_option("--log-level", c.log_level, "trace, debug, info, warn, error, off")
      ->envname("LUMBUNG_LOG_LEVEL")->capture_default_str();
  cmd.add_option("--log-format", c.log_format, "text, or json for one JSON object per line")
      ->envname("LUMBUNG_LOG_FORMAT")->capture_default_str();
  // Read by apply_config_file() before parsing, so that the order is
  // defaults -> file -> environment -> flags.
  cmd.add_option("--config", "Settings file (TOML or INI: key = value, keys as the long flags)")
      ->envname("LUMBUNG_CONFIG");
}

std::vector<std::string> apply_config_file(CLI::App& cmd, const std::vector<std::string>& args) {
  std::string path;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config" && i + 1 < args.size()) path = args[i + 1];
    else if (args[i].rfind("--config=", 0) == 0) path = args[i].substr(9);
  }
  if (path.empty())
    if (const char* env = std::getenv("LUMBUNG_CONFIG")) path = env;
  if (path.empty()) return {};
  std::vector<CLI::ConfigItem> items;
  try {
    items = CLI::ConfigTOML().from_file(path);
  } catch (const std::exception& e) {
    return {"config: cannot read " + path + ": " + e.what()};
  }
  std::vector<std::string> errors;
  for (const auto& item : items) {
    if (item.name == "++" || item.name == "--" || item.inputs.empty()) continue;  // section markers
    auto name = item.fullname();
    auto* opt = cmd.get_option_no_throw("--" + name);
    if (opt == nullptr || name == "config") {
      errors.push_back("config: unknown setting '" + name + "' in " + path);
      continue;
    }
    try {
      opt->default_val(item.inputs.front());
    } catch (const std::exception& e) {
      errors.push_back("config: " + name + " in " + path + ": " + e.what());
    }
  }
  return errors;
}

void add_server_options(CLI::App& cmd, Config& c) {
  cmd.add_option("--host", c.host, "Address to listen on")->envname("LUMBUNG_HOST")->capture_default_str();
  cmd.add_option("--port", c.port, "Port to listen on; 0 picks a free one")->envname("LUMBUNG_PORT")->capture_default_str();
  cmd.add_option("--io-threads", c.io_threads, "Threads for socket I/O")->envname("LUMBUNG_IO_THREADS")->capture_default_str();
  cmd.add_option("--worker-threads", c.worker_threads, "Threads running request handlers")
      ->envname("LUMBUNG_WORKER_THREADS")->capture_default_str();
  cmd.add_option("--db-pool-size", c.db_pool_size, "Database connections")->envname("LUMBUNG_DB_POOL_SIZE")->capture_default_str();
  cmd.add_option("--max-header-bytes", c.max_header_bytes, "Largest request header block")
      ->envname("LUMBUNG_MAX_HEADER_BYTES")->capture_default_str();
  cmd.add_option("--max-body-bytes", c.max_body_bytes, "Largest request body")
      ->envname("LUMBUNG_MAX_BODY_BYTES")->capture_default_str();
  cmd.add_option("--max-upload-bytes", c.max_upload_bytes, "Largest upload body")
      ->envname("LUMBUNG_MAX_UPLOAD_BYTES")->capture_default_str();
  cmd.add_option("--read-timeout", c.read_timeout_seconds, "Seconds for a request to arrive")
      ->envname("LUMBUNG_READ_TIMEOUT")->capture_default_str();
  cmd.add_option("--idle-timeout", c.idle_timeout_seconds, "Seconds a keep-alive connection may idle")
      ->envname("LUMBUNG_IDLE_TIMEOUT")->capture_default_str();
  cmd.add_option("--max-pipelined", c.max_pipelined, "Requests a client may pipeline")
      ->envname("LUMBUNG_MAX_PIPELINED")->capture_default_str();
  cmd.add_option("--queue-timeout", c.queue_timeout_seconds,
                 "Seconds a request may wait for a worker before it is answered 503 (0: no limit)")
      ->envname("LUMBUNG_QUEUE_TIMEOUT")->capture_default_str();
  cmd.add_option("--base-url", c.base_url, "Public address of the site, for links in mail")->envname("LUMBUNG_BASE_URL");
  cmd.add_flag("--trust-proxy", c.trust_proxy, "Behind nginx: client address from X-Forwarded-For")
      ->envname("LUMBUNG_TRUST_PROXY");
  cmd.add_flag("--secure-cookies", c.secure_cookies, "Mark cookies Secure (behind TLS)")->envname("LUMBUNG_SECURE_COOKIES");
  cmd.add_option("--smtp-host", c.smtp_host, "SMTP relay for outgoing mail (empty: mail stays queued)")
      ->envname("LUMBUNG_SMTP_HOST");
  cmd.add_option("--smtp-port", c.smtp_port, "SMTP relay port (465: TLS from the start)")
      ->envname("LUMBUNG_SMTP_PORT")->capture_default_str();
  cmd.add_option("--smtp-starttls", c.smtp_starttls, "required, try or off")
      ->envname("LUMBUNG_SMTP_STARTTLS")->capture_default_str();
  cmd.add_option("--smtp-user", c.smtp_user, "SMTP user name")->envname("LUMBUNG_SMTP_USER");
  cmd.add_option("--smtp-password", c.smtp_password, "SMTP password (prefer LUMBUNG_SMTP_PASSWORD)")
      ->envname("LUMBUNG_SMTP_PASSWORD");
  cmd.add_option("--mail-from", c.mail_from, "Sender address of outgoing mail")->envname("LUMBUNG_MAIL_FROM");
  cmd.add_option("--mail-retry-seconds", c.mail_retry_seconds, "First retry delay; later ones scale from it")
      ->envname("LUMBUNG_MAIL_RETRY_SECONDS")->capture_default_str();
  cmd.add_option("--mail-give-up-days", c.mail_give_up_days, "Days after which unsent mail is marked failed")
      ->envname("LUMBUNG_MAIL_GIVE_UP_DAYS")->capture_default_str();
  cmd.add_option("--digest-hour", c.digest_hour, "Hour (WIB, 0-23) when daily and weekly digests go out")
      ->envname("LUMBUNG_DIGEST_HOUR")->capture_default_str();
  cmd.add_option("--reminder-days", c.reminder_days, "Days before a deadline when reminders go out, e.g. 7,1")
      ->envname("LUMBUNG_REMINDER_DAYS")->capture_default_str();
}

bool check_config(const Config& config) {
  auto errors = validate(config);
  for (const auto& e : errors) std::cerr << e << "\n";
  return errors.empty();
}

std::filesystem::path resource_dir(const Config& config) {
  namespace fs = std::filesystem;
  if (!config.resource_dir.empty()) return config.resource_dir;
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  // An installed binary (/usr/bin/lumbung) uses its package's /usr/share/lumbung,
  // even on a machine that also holds the source tree it was built from.
  if (!ec && fs::is_directory(exe.parent_path() / "../share/lumbung/templates"))
    return fs::weakly_canonical(exe.parent_path() / "../share/lumbung");
#ifdef LUMBUNG_RESOURCE_DIR
  if (fs::is_directory(fs::path(LUMBUNG_RESOURCE_DIR) / "templates")) return LUMBUNG_RESOURCE_DIR;
#endif
  if (!ec && fs::is_directory(exe.parent_path() / ".." / "templates")) return fs::weakly_canonical(exe.parent_path() / "..");
  return fs::current_path();
}

}  // namespace lumbung::cli
