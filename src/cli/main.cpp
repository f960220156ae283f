// lumbung: one binary for the server and its maintenance commands.
#include <exception>
#include <iostream>

#include "cli/app.hpp"

#ifndef LUMBUNG_VERSION
#define LUMBUNG_VERSION "dev"
#endif

int main(int argc, char** argv) {
  using namespace lumbung;
  try {
    CLI::App app{"Lumbung Inovasi: the public-sector innovation platform"};
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "Help for every subcommand");

    Config config;
    auto* serve = app.add_subcommand("serve", "Serve the web site and API");
    cli::add_common_options(*serve, config);
    cli::add_server_options(*serve, config);

    auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations");
    cli::add_common_options(*migrate, config);

    std::uint64_t seed = 1;
    int count = 12000;
    auto* seed_demo = app.add_subcommand("seed-demo", "Fill an empty installation with a demo repository");
    cli::add_common_options(*seed_demo, config);
    seed_demo->add_option("--seed", seed, "Random seed; the same seed gives the same demo")->capture_default_str();
    seed_demo->add_option("--scale,--count", count, "Innovations to create (e.g. 100000 for benchmarks)")
        ->check(CLI::Range(1, 5000000))->capture_default_str();
    bool demo_accounts = false;
    seed_demo->add_flag("--accounts", demo_accounts,
                        "Also create one login per role; passwords go to <data>/demo-accounts.txt");

    auto* reindex = app.add_subcommand("reindex", "Rebuild the search index from the database");
    cli::add_common_options(*reindex, config);

    std::string backup_file, restore_file;
    auto* backup = app.add_subcommand("backup", "Copy the embedded database and uploads into one archive, while serving");
    cli::add_common_options(*backup, config);
    backup->add_option("FILE", backup_file, "Archive to write (.tar.gz)")->required();
    auto* restore = app.add_subcommand("restore", "Restore a backup archive into an empty data directory");
    cli::add_common_options(*restore, config);
    restore->add_option("FILE", restore_file, "Archive written by `lumbung backup`")->required();

    std::string store_from, store_to;
    auto* migrate_store = app.add_subcommand("migrate-store", "Copy the embedded store into an empty PostgreSQL database");
    cli::add_common_options(*migrate_store, config);
    migrate_store->add_option("--from", store_from, "sqlite:PATH of the embedded store (stop the server first)")->required();
    migrate_store->add_option("--to", store_to, "postgresql://USER@HOST:PORT/DB, a new database")->required();

    cli::UserAddOptions user_add_options;
    auto* user = app.add_subcommand("user", "Manage accounts");
    user->require_subcommand(1);
    auto* user_add = user->add_subcommand("add", "Create an account (password from --password-stdin, or generated and printed once)");
    cli::add_common_options(*user_add, config);
    user_add->add_option("--email", user_add_options.email, "Email address")->required();
    user_add->add_option("--name", user_add_options.name, "Full name")->required();
    user_add->add_option("--role", user_add_options.role, "participant, coach, lab_organizer, region_admin, curator, judge, admin")->required();
    user_add->add_option("--scope", user_add_options.scope, "national, region:CODE, lab:ID or unit:ID")->capture_default_str();
    user_add->add_flag("--password-stdin", user_add_options.password_stdin, "Read the password from standard input");

    cli::TokenCreateOptions token_options;
    auto* token = app.add_subcommand("token", "Manage API tokens");
    token->require_subcommand(1);
    auto* token_create = token->add_subcommand("create", "Create an API token (printed once)");
    cli::add_common_options(*token_create, config);
    token_create->add_option("--name", token_options.name, "What the token is for")->required();
    token_create->add_option("--role", token_options.role, "Role the token acts with")->required();
    token_create->add_option("--scope", token_options.scope, "national, region:CODE, lab:ID or unit:ID")->capture_default_str();

    cli::ImportOptions import_options;
    auto* import_cmd = app.add_subcommand("import", "Import innovations from a CSV or XLSX file of a source programme");
    cli::add_common_options(*import_cmd, config);
    import_cmd->add_option("--source", import_options.source, "kipp, iga, labinov or lumbung")
        ->required()->check(CLI::IsMember({"kipp", "iga", "labinov", "lumbung"}));
    import_cmd->add_option("FILE", import_options.file, "CSV (UTF-8 or Windows-1252, , or ;) or XLSX file")
        ->required()->check(CLI::ExistingFile);
    import_cmd->add_flag("--dry-run", import_options.dry_run, "Check every row and report problems; write nothing");
    import_cmd->add_option("--max-problems", import_options.max_problems, "Problems to print")->capture_default_str();

    cli::ExportOptions export_options;
    auto* export_cmd = app.add_subcommand("export", "Export innovations as CSV, XLSX or JSON Lines, or the open-data dump");
    cli::add_common_options(*export_cmd, config);
    export_cmd->add_option("FILE", export_options.file, "File to write");
    export_cmd->add_option("--format", export_options.format, "csv, xlsx or jsonl")->capture_default_str();
    export_cmd->add_option("--state", export_options.state, "published, draft, review, archived or all")->capture_default_str();
    export_cmd->add_option("--source", export_options.source, "Only this source programme");
    export_cmd->add_option("--region", export_options.region, "Only this regency/city code");
    export_cmd->add_option("--province", export_options.province, "Only this province code");
    export_cmd->add_option("--sector", export_options.sector, "Only this sector");
    export_cmd->add_option("--year", export_options.year, "Only innovations started this year");
    export_cmd->add_option("--open-data", export_options.open_data_dir,
                           "Write the open-data dump (CSV, JSON Lines, data dictionary) into this directory");
    std::size_t duplicate_neighbours = 5;
    bool duplicate_names_only = false;
    auto* duplicates = app.add_subcommand("duplicates", "Find likely duplicate innovations for the review queue");
    duplicates->require_subcommand(1);
    auto* duplicates_scan = duplicates->add_subcommand("scan", "Compare every record and fill the review queue (/kurasi/duplikat)");
    cli::add_common_options(*duplicates_scan, config);
    duplicates_scan->add_option("--neighbours", duplicate_neighbours, "Most similar texts compared per record")
        ->check(CLI::Range(1, 50))->capture_default_str();
    duplicates_scan->add_flag("--names-only", duplicate_names_only, "Compare names, acronyms and places only (no search index)");

    auto* routes = app.add_subcommand("routes", "Print every route with who may call it");
    cli::add_common_options(*routes, config);

    auto* version = app.add_subcommand("version", "Print the version");

    // The settings file goes in first, as defaults under env and flags.
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty()) {
      // The (possibly nested) subcommand named by the leading arguments.
      CLI::App* cmd = &app;
      for (const auto& arg : args) {
        auto subs = cmd->get_subcommands([&](const CLI::App* a) { return a->get_name() == arg; });
        if (subs.empty()) break;
        cmd = subs.front();
      }
      if (cmd != &app) {
        auto errors = cli::apply_config_file(*cmd, args);
        for (const auto& e : errors) std::cerr << e << "\n";
        if (!errors.empty()) return 2;
      }
    }
    CLI11_PARSE(app, argc, argv);

    if (version->parsed()) {
      std::cout << "lumbung " << LUMBUNG_VERSION << "\n";
      return 0;
    }
    if (!cli::check_config(config)) return 2;
    if (serve->parsed()) return cli::run_serve(config);
    if (migrate->parsed()) return cli::run_migrate(config);
    if (routes->parsed()) return cli::run_routes(config);
    if (seed_demo->parsed()) return cli::run_seed_demo(config, seed, count, demo_accounts);
    if (reindex->parsed()) return cli::run_reindex(config);
    if (duplicates_scan->parsed()) return cli::run_duplicates_scan(config, duplicate_neighbours, duplicate_names_only);
    if (migrate_store->parsed()) return cli::run_migrate_store(config, store_from, store_to);
    if (backup->parsed()) return cli::run_backup(config, backup_file);
    if (restore->parsed()) return cli::run_restore(config, restore_file);
    if (user_add->parsed()) return cli::run_user_add(config, user_add_options);
    if (token_create->parsed()) return cli::run_token_create(config, token_options);
    if (import_cmd->parsed()) return cli::run_import(config, import_options);
    if (export_cmd->parsed()) {
      if (export_options.file.empty() && export_options.open_data_dir.empty()) {
        std::cerr << "export: give FILE or --open-data DIR\n";
        return 2;
      }
      return cli::run_export(config, export_options);
    }
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "lumbung: fatal: " << e.what() << "\n";
    return 1;
  }
}
