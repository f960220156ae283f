// `lumbung migrate-store --from sqlite:PATH --to postgresql://...`: copies every
// table of an embedded store into a PostgreSQL database that holds no data yet,
// parents before children (foreign keys), in one transaction, then compares
// the row count of every table on both sides.
#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "cli/app.hpp"
#include "cli/wiring.hpp"

namespace lumbung::cli {
namespace {

constexpr int kRowsPerInsert = 500;

Error problem(const std::string& message) { return Error(ErrorCode::invalid, message); }

// The source's tables (without schema_migrations), each after the tables its
// foreign keys point to.
Result<std::vector<std::string>> tables_in_dependency_order(soci::session& sql) {
  std::vector<std::string> names;
  {
    std::string name;
    soci::statement st = (sql.prepare << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                         "'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
                          soci::into(name));
    st.execute();
    while (st.fetch()) names.push_back(name);
  }
  std::map<std::string, std::set<std::string>> parents;
  for (const auto& table : names) {
    soci::rowset<soci::row> rows = (sql.prepare << "PRAGMA foreign_key_list(\"" + table + "\")");
    for (const auto& row : rows) {
      const auto parent = row.get<std::string>(2);
      if (parent != table) parents[table].insert(parent);
    }
  }
  std::vector<std::string> ordered;
  std::set<std::string> placed;
  while (ordered.size() < names.size()) {
    bool progress = false;
    for (const auto& table : names) {
      if (placed.count(table)) continue;
      bool ready = true;
      for (const auto& p : parents[table])
        ready = ready && (placed.count(p) || !std::count(names.begin(), names.end(), p));
      if (!ready) continue;
      ordered.push_back(table);
      placed.insert(table);
      progress = true;
    }
    if (!progress) return problem("migrate-store: the foreign keys between tables form a cycle");
  }
  return ordered;
}

std::string literal(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return "NULL";
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return std::to_string(row.get<int>(i));
    case soci::dt_long_long:
      return std::to_string(row.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return std::to_string(row.get<unsigned long long>(i));
    case soci::dt_double: {
      std::ostringstream out;
      out.precision(17);
      out << row.get<double>(i);
      return out.str();
    }
    default: {
      const auto text = row.get<std::string>(i);
      std::string quoted = "'";
      for (const char c : text) {
        if (c == '\'') quoted += '\'';
        quoted += c;
      }
      return quoted + "'";
    }
  }
}

Result<long long> count_rows(soci::session& sql, const std::string& table) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM \"" + table + "\"", soci::into(n);
  return n;
}

}  // namespace

int run_migrate_store(const Config& config, const std::string& from, const std::string& to) {
  if (from.rfind("sqlite:", 0) != 0 || to.rfind("postgresql://", 0) != 0) {
    std::cerr << "lumbung: migrate-store copies an embedded store into PostgreSQL: --from sqlite:PATH "
                 "--to postgresql://USER@HOST:PORT/DB\n";
    return 2;
  }
  auto log = make_logger("lumbung", config.log_level, config.log_format);
  const auto migrations = resource_dir(config) / "migrations";
  auto source = store::Database::open(from, config.data_dir, 1, log);
  if (!source) return fail(source.error());
  auto target = store::Database::open(to, config.data_dir, 1, log);
  if (!target) return fail(target.error());
  // Both schemas at this release's version, so every table and column matches.
  for (auto* db : {source->get(), target->get()})
    if (auto report = store::migrate(*db, migrations); !report) return fail(report.error());

  std::vector<std::string> tables;
  std::map<std::string, long long> source_counts;
  try {
    auto src = (*source)->acquire();
    auto ordered = tables_in_dependency_order(*src);
    if (!ordered) return fail(ordered.error());
    tables = *ordered;
    for (const auto& t : tables) source_counts[t] = *count_rows(*src, t);
  } catch (const soci::soci_error& e) {
    return fail(store::translate_sql_error(e, "migrate-store: reading the source"));
  }

  // Reference rows the migrations put in place may be there; real data may not.
  try {
    auto dst = (*target)->acquire();
    for (const char* t : {"users", "innovations", "outbox"}) {
      if (!source_counts.count(t)) continue;
      if (*count_rows(*dst, t) > 0) {
        std::cerr << "lumbung: migrate-store: the target already holds data (table " << t
                  << " has rows); use a new, empty database\n";
        return 2;
      }
    }
  } catch (const soci::soci_error& e) {
    return fail(store::translate_sql_error(e, "migrate-store: reading the target"));
  }

  auto copied = (*target)->transact("migrate-store", [&](soci::session& dst) -> Status {
    for (auto it = tables.rbegin(); it != tables.rend(); ++it) dst << "DELETE FROM \"" + *it + "\"";
    auto src = (*source)->acquire();
    for (const auto& table : tables) {
      soci::rowset<soci::row> rows = (src->prepare << "SELECT * FROM \"" + table + "\" ORDER BY rowid");
      std::string header, values;
      int pending = 0;
      auto flush = [&] {
        if (pending == 0) return;
        dst << header + values;
        values.clear();
        pending = 0;
      };
      for (const auto& row : rows) {
        if (header.empty()) {
          header = "INSERT INTO \"" + table + "\" (";
          for (std::size_t i = 0; i < row.size(); ++i)
            header += (i ? ", \"" : "\"") + row.get_properties(i).get_name() + "\"";
          header += ") VALUES ";
        }
        values += pending ? ", (" : "(";
        for (std::size_t i = 0; i < row.size(); ++i) values += (i ? ", " : "") + literal(row, i);
        values += ")";
        if (++pending == kRowsPerInsert) flush();
      }
      flush();
      log->info("migrate-store: {}: {} rows", table, source_counts[table]);
    }
    return {};
  });
  if (!copied) return fail(copied.error());

  // Verification: every table holds as many rows on both sides.
  int mismatches = 0;
  try {
    auto dst = (*target)->acquire();
    for (const auto& table : tables) {
      const long long n = *count_rows(*dst, table);
      const bool same = n == source_counts[table];
      mismatches += same ? 0 : 1;
      std::cout << table << "\t" << source_counts[table] << "\t" << n << (same ? "" : "\tMISMATCH") << "\n";
    }
  } catch (const soci::soci_error& e) {
    return fail(store::translate_sql_error(e, "migrate-store: verifying"));
  }
  if (mismatches) {
    std::cerr << "lumbung: migrate-store: " << mismatches << " tables differ in row count\n";
    return 1;
  }
  std::cout << "migrate-store: copied " << tables.size() << " tables; row counts match\n";
  return 0;
}

}  // namespace lumbung::cli
