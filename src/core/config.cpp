#include "core/config.hpp"

#include <filesystem>

#include <array>
#include <algorithm>

namespace lumbung {

std::string uploads_dir(const Config& config) {
  if (!config.files_dir.empty()) return config.files_dir;
  return (std::filesystem::path(config.data_dir) / "files").string();
}

std::optional<std::vector<int>> parse_reminder_days(const std::string& text) {
  std::vector<int> days;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    auto item = text.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (item.empty() || item.size() > 2 || !std::all_of(item.begin(), item.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      return std::nullopt;
    const int d = std::stoi(item);
    if (d < 1 || d > 90) return std::nullopt;
    days.push_back(d);
    start = end + 1;
  }
  std::sort(days.rbegin(), days.rend());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  return days;
}

std::vector<std::string> validate(const Config& c) {
  std::vector<std::string> errors;
  if (c.database_url.empty() && c.data_dir.empty())
    errors.push_back("config: --data must name a directory when no --database is given");
  if (!c.database_url.empty() && c.database_url.rfind("postgresql://", 0) != 0 &&
      c.database_url.rfind("postgres://", 0) != 0 && c.database_url.rfind("sqlite:", 0) != 0)
    errors.push_back("config: --database must start with postgresql:// or sqlite: (" + c.database_url + ")");
  if (c.host.empty()) errors.push_back("config: --host is empty");
  if (c.io_threads < 1 || c.io_threads > 64) errors.push_back("config: --io-threads must be 1..64");
  if (c.worker_threads < 1 || c.worker_threads > 256) errors.push_back("config: --worker-threads must be 1..256");
  if (c.db_pool_size < 1 || c.db_pool_size > 256) errors.push_back("config: --db-pool-size must be 1..256");
  if (c.max_header_bytes < 1024) errors.push_back("config: --max-header-bytes must be at least 1024");
  if (c.max_body_bytes < 1024) errors.push_back("config: --max-body-bytes must be at least 1024");
  if (c.max_upload_bytes < c.max_body_bytes)
    errors.push_back("config: --max-upload-bytes must be at least --max-body-bytes");
  if (c.read_timeout_seconds < 1) errors.push_back("config: --read-timeout must be at least 1 second");
  if (c.idle_timeout_seconds < 1) errors.push_back("config: --idle-timeout must be at least 1 second");
  if (c.max_pipelined < 1) errors.push_back("config: --max-pipelined must be at least 1");
  if (c.queue_timeout_seconds < 0) errors.push_back("config: --queue-timeout must be 0 (never) or more seconds");
  if (c.smtp_port < 1 || c.smtp_port > 65535) errors.push_back("config: --smtp-port must be 1..65535");
  if (c.smtp_starttls != "required" && c.smtp_starttls != "try" && c.smtp_starttls != "off")
    errors.push_back("config: --smtp-starttls must be required, try or off");
  if (!c.smtp_host.empty() && c.mail_from.empty())
    errors.push_back("config: --mail-from is needed when --smtp-host is set");
  if (c.mail_retry_seconds < 1) errors.push_back("config: --mail-retry-seconds must be at least 1");
  if (c.mail_give_up_days < 1) errors.push_back("config: --mail-give-up-days must be at least 1");
  if (c.digest_hour < 0 || c.digest_hour > 23) errors.push_back("config: --digest-hour must be 0 to 23");
  if (!parse_reminder_days(c.reminder_days))
    errors.push_back("config: --reminder-days must be whole days from 1 to 90, separated by commas (e.g. 7,1)");
  constexpr std::array<const char*, 7> kLevels = {"trace", "debug", "info", "warn", "error", "critical", "off"};
  if (std::find(kLevels.begin(), kLevels.end(), c.log_level) == kLevels.end())
    errors.push_back("config: --log-level must be one of trace, debug, info, warn, error, critical, off");
  if (c.log_format != "text" && c.log_format != "json") errors.push_back("config: --log-format must be text or json");
  return errors;
}

}  // namespace lumbung
