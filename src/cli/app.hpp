// Subcommands of the lumbung binary. Each returns the process exit code.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/config.hpp"
#include "core/log.hpp"

namespace lumbung::cli {

// Adds the settings every subcommand shares (--data, --database, --resources,
// --log-level) with their LUMBUNG_* environment variables.
void add_common_options(CLI::App& cmd, Config& config);
// Applies the settings file named by --config (or LUMBUNG_CONFIG) in `args`
// as the defaults of `cmd`'s options; returns every problem found.
std::vector<std::string> apply_config_file(CLI::App& cmd, const std::vector<std::string>& args);
// Adds the server's settings (--host, --port, limits, threads).
void add_server_options(CLI::App& cmd, Config& config);

// Validates the settings; prints every problem and returns false if any.
bool check_config(const Config& config);
// templates/, static/, i18n/, migrations/ root: Config::resource_dir if set,
// else ../share/lumbung beside the binary (installed), else the source tree
// the binary was built from, else the binary's parent directory.
std::filesystem::path resource_dir(const Config& config);

struct UserAddOptions {
  std::string email, name, role, scope = "national";
  bool password_stdin = false;  // read the password from the first line of stdin; else generate one
};
struct TokenCreateOptions {
  std::string name, role, scope = "national";
};

struct ImportOptions {
  std::string source;  // kipp, iga, labinov, lumbung
  std::string file;
  bool dry_run = false;
  std::size_t max_problems = 200;  // problems printed (all are counted)
};
struct ExportOptions {
  std::string file, format = "csv", state = "published", source, region, province, sector;
  int year = 0;
  std::string open_data_dir;  // set: the open-data dump instead
};

int run_serve(const Config& config);
// Prints the route table: METHOD, pattern, handler, access (tab-separated).
int run_routes(const Config& config);
int run_user_add(const Config& config, const UserAddOptions& options);
int run_token_create(const Config& config, const TokenCreateOptions& options);
int run_migrate(const Config& config);
int run_seed_demo(const Config& config, std::uint64_t seed, int count, bool accounts);
int run_reindex(const Config& config);
// Fills the duplicate review queue from every record; with the search index
// (unless names_only) also compares each record's text with its `neighbours`
// most similar ones. Prints the counts and the time taken.
int run_duplicates_scan(const Config& config, std::size_t neighbours, bool names_only);
// Consistent online copy of the embedded store plus <data>/files into one archive.
int run_backup(const Config& config, const std::string& file);
// Restores such an archive into an empty (or new) --data directory, then rebuilds the search index.
int run_restore(const Config& config, const std::string& file);
// Copies every table of an embedded store (sqlite:PATH) into an empty PostgreSQL database; verifies row counts.
int run_migrate_store(const Config& config, const std::string& from, const std::string& to);
// Imports a CSV/XLSX file (curation/import_service.hpp); exit 3 when rows were rejected.
int run_import(const Config& config, const ImportOptions& options);
// Exports a filtered directory view, or the open-data dump, streamed to files.
int run_export(const Config& config, const ExportOptions& options);

}  // namespace lumbung::cli
