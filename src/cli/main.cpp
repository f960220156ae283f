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
    int count = 48;
    auto* seed_demo = app.add_subcommand("seed-demo", "Fill an empty installation with a demo repository");
    cli::add_common_options(*seed_demo, config);
    seed_demo->add_option("--seed", seed, "Random seed; the same seed gives the same demo")->capture_default_str();
    seed_demo->add_option("--count", count, "Innovations to create")->check(CLI::Range(1, 1000000))->capture_default_str();

    auto* reindex = app.add_subcommand("reindex", "Rebuild the search index from the database");
    cli::add_common_options(*reindex, config);

    auto* version = app.add_subcommand("version", "Print the version");

    // The settings file goes in first, as defaults under env and flags.
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty()) {
      auto subs = app.get_subcommands([&](const CLI::App* a) { return a->get_name() == args.front(); });
      if (!subs.empty()) {
        auto* cmd = subs.front();
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
    if (seed_demo->parsed()) return cli::run_seed_demo(config, seed, count);
    if (reindex->parsed()) return cli::run_reindex(config);
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "lumbung: fatal: " << e.what() << "\n";
    return 1;
  }
}
