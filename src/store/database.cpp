#include "store/database.hpp"

#include <algorithm>
#include <utility>
#include <vector>
#include <system_error>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace lumbung::store {
namespace {

struct Target {
  Engine engine = Engine::sqlite;
  std::string connect;      // what SOCI gets
  std::string description;  // for messages: never holds a password
  std::string secret;       // the password, scrubbed from driver messages
  std::filesystem::path sqlite_path;
};

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// "postgresql://user:pw@host/db" -> "postgresql://user:***@host/db"; also
// remembers the password so it can be scrubbed from driver messages.
std::string redact_uri(const std::string& url, std::string* secret) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto auth_start = scheme_end + 3;
  const auto at = url.find('@', auth_start);
  const auto slash = url.find('/', auth_start);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
  const auto colon = url.find(':', auth_start);
  if (colon == std::string::npos || colon > at) return url;
  *secret = url.substr(colon + 1, at - colon - 1);
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::string scrub(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3)) {
    text.replace(pos, secret.size(), "***");
  }
  return text;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// SOCI 4.0 re-tokenises the PostgreSQL connection string on blanks (to pick
// out its own "singlerows" option), which breaks libpq's URI form. So the URL
// is turned into libpq keyword=value pairs here:
// postgresql://[user[:password]@][host][:port][/dbname][?key=value&...]
Result<std::string> pg_keywords(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  std::string query;
  if (const auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest.resize(q);
  }
  std::string dbname;
  if (const auto slash = rest.find('/'); slash != std::string::npos) {
    dbname = percent_decode(rest.substr(slash + 1));
    rest.resize(slash);
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  if (const auto at = rest.rfind('@'); at != std::string::npos) {
    const std::string userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const auto colon = userinfo.find(':');
    pairs.emplace_back("user", percent_decode(userinfo.substr(0, colon)));
    if (colon != std::string::npos) pairs.emplace_back("password", percent_decode(userinfo.substr(colon + 1)));
  }
  if (!rest.empty()) {
    std::string host = rest, port;
    const auto bracket = rest.find(']');
    const auto colon = rest.rfind(':');
    if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
      host = rest.substr(0, colon);
      port = rest.substr(colon + 1);
    }
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (!host.empty()) pairs.emplace_back("host", percent_decode(host));
    if (!port.empty()) pairs.emplace_back("port", port);
  }
  if (!dbname.empty()) pairs.emplace_back("dbname", dbname);
  std::size_t start = 0;
  while (start < query.size()) {
    auto amp = query.find('&', start);
    if (amp == std::string::npos) amp = query.size();
    const std::string item = query.substr(start, amp - start);
    start = amp + 1;
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string::npos) return make_error(ErrorCode::invalid, "database: bad URL parameter '" + item + "'");
    std::string key = percent_decode(item.substr(0, eq)), value = percent_decode(item.substr(eq + 1));
    if (key == "ssl" && value == "true") {
      key = "sslmode";
      value = "require";
    }
    pairs.emplace_back(key, value);
  }
  std::string out;
  for (const auto& [key, value] : pairs) {
    if (value.find_first_of(" \t\r\n") != std::string::npos) {
      return make_error(ErrorCode::invalid, "database: the PostgreSQL URL's " + key +
                                                " contains a blank, which SOCI cannot pass on "
                                                "(use PGPASSWORD or ~/.pgpass for such a password)");
    }
    std::string quoted = "'";
    for (const char c : value) {
      if (c == '\'' || c == '\\') quoted += '\\';
      quoted += c;
    }
    quoted += "'";
    if (!out.empty()) out += ' ';
    out += key + "=" + (value.empty() || value.find_first_of("'\\=") != std::string::npos ? quoted : value);
  }
  return out;
}

// SOCI's sqlite3 backend reads "key=value" pairs when the string holds '=',
// so a path is quoted unless it is plain.
std::string sqlite_connect_string(const std::filesystem::path& path) {
  const std::string p = path.string();
  if (p.find_first_of("= \"") == std::string::npos) return p;
  return "db=\"" + p + "\"";
}

Result<Target> parse_target(const std::string& url, const std::filesystem::path& data_dir) {
  Target t;
  if (url.empty() || starts_with(url, "sqlite:")) {
    t.engine = Engine::sqlite;
    t.sqlite_path = url.empty() ? data_dir / "lumbung.db" : std::filesystem::path(url.substr(7));
    if (t.sqlite_path.empty()) return make_error(ErrorCode::invalid, "database: empty SQLite path in 'sqlite:'");
    t.connect = sqlite_connect_string(t.sqlite_path);
    t.description = "sqlite:" + t.sqlite_path.string();
    return t;
  }
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    t.engine = Engine::postgresql;
    t.description = redact_uri(url, &t.secret);
    auto keywords = pg_keywords(url);
    if (!keywords) return keywords.error();
    t.connect = std::move(*keywords);
    return t;
  }
  std::string ignored;
  return make_error(ErrorCode::invalid, "database: unsupported url '" + redact_uri(url, &ignored) +
                                            "' (use sqlite:PATH or postgresql://...)");
}

void configure_sqlite(soci::session& sql) {
  std::string mode;
  sql << "PRAGMA journal_mode=WAL", soci::into(mode);
  sql << "PRAGMA foreign_keys=ON";
  sql << "PRAGMA busy_timeout=5000";
  sql << "PRAGMA synchronous=NORMAL";
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(const std::string& url, const std::filesystem::path& data_dir,
                                                 int pool_size, Logger log) {
  auto target = parse_target(url, data_dir);
  if (!target) return target.error();
  const std::size_t size = static_cast<std::size_t>(std::max(1, pool_size));

  if (target->engine == Engine::sqlite) {
    const auto parent = target->sqlite_path.parent_path();
    if (!parent.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(parent, ec);
      if (ec) {
        return make_error(ErrorCode::unavailable,
                          "database: cannot create directory " + parent.string() + ": " + ec.message());
      }
    }
  }

  auto pool = std::make_unique<soci::connection_pool>(size);
  try {
    for (std::size_t i = 0; i < size; ++i) {
      soci::session& sql = pool->at(i);
      if (target->engine == Engine::sqlite) {
        sql.open(*soci::factory_sqlite3(), target->connect);
        configure_sqlite(sql);
      } else {
        sql.open(*soci::factory_postgresql(), target->connect);
      }
    }
  } catch (const soci::soci_error& e) {
    return make_error(ErrorCode::unavailable, "database: cannot open " + target->description + ": " +
                                                  scrub(e.get_error_message(), target->secret));
  }
  if (log) log->info("database: opened {} with {} sessions", target->description, size);
  return std::unique_ptr<Database>(new Database(target->engine, std::move(pool), size, std::move(log)));
}

Database::Database(Engine engine, std::unique_ptr<soci::connection_pool> pool, std::size_t size, Logger log)
    : engine_(engine), pool_(std::move(pool)), size_(size), log_(std::move(log)) {}

Database::~Database() = default;

Database::Lease Database::acquire() {
  waiting_.fetch_add(1, std::memory_order_relaxed);
  const std::size_t slot = pool_->lease();
  waiting_.fetch_sub(1, std::memory_order_relaxed);
  Lease lease(*this, slot);
  if (engine_ == Engine::postgresql) {
    soci::session& sql = pool_->at(slot);
    // A server restart leaves the session broken; reconnect before use.
    try {
      if (!sql.is_connected()) {
        sql.reconnect();
        if (log_) log_->warn("database: session {} reconnected", slot);
      }
    } catch (const soci::soci_error& e) {
      if (log_) log_->warn("database: reconnect failed: {}", e.get_error_message());
    }
  }
  return lease;
}

void Database::begin(soci::session& sql) {
  if (engine_ == Engine::sqlite) {
    sql << "BEGIN IMMEDIATE";
  } else {
    sql.begin();
  }
}

void Database::rollback_quietly(soci::session& sql) noexcept {
  try {
    sql.rollback();
  } catch (...) {
    // Nothing to do: a failed rollback means the transaction is gone already.
  }
}

Database::Lease::Lease(Database& db, std::size_t slot) : db_(&db), slot_(slot) {
  db_->in_use_.fetch_add(1, std::memory_order_relaxed);
}

Database::Lease::Lease(Lease&& other) noexcept : db_(other.db_), slot_(other.slot_) { other.db_ = nullptr; }

Database::Lease::~Lease() {
  if (db_ == nullptr) return;
  db_->in_use_.fetch_sub(1, std::memory_order_relaxed);
  db_->pool_->give_back(slot_);
}

soci::session& Database::Lease::operator*() const { return db_->pool_->at(slot_); }

soci::session* Database::Lease::operator->() const { return &db_->pool_->at(slot_); }

Result<std::int64_t> next_id(soci::session& sql, const std::string& name) {
  static const char* const kBump =
      "UPDATE id_sequences SET next_value = next_value + 1 WHERE name = :name RETURNING next_value";
  static const char* const kCreate =
      "INSERT INTO id_sequences (name, next_value) VALUES (:name, 0) ON CONFLICT (name) DO NOTHING";
  try {
    for (int round = 0; round < 2; ++round) {
      long long value = 0;
      sql << kBump, soci::use(name, "name"), soci::into(value);
      if (sql.got_data()) return static_cast<std::int64_t>(value);
      // First id of this sequence: create the row (a concurrent creator makes
      // this a no-op), then bump it like any other.
      sql << kCreate, soci::use(name, "name");
    }
  } catch (const soci::soci_error& e) {
    return translate_sql_error(e, "next_id");
  }
  return make_error(ErrorCode::internal, "next_id: sequence row vanished (" + name + ")");
}

}  // namespace lumbung::store
