// load: the corpus into a Lumbung data directory (SQLite), through the same
// use case an import runs, so `lumbung reindex` and `lumbung serve` see an
// ordinary repository. InnovationService::create is one transaction per
// innovation (revision and outbox row included); there is no batch form.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>

#include "commands.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "corpus.hpp"
#include "directory/innovation_service.hpp"
#include "measure.hpp"
#include "store/database.hpp"
#include "store/migrate.hpp"

namespace lumbung::bench {

int run_load(const std::filesystem::path& corpus, const std::filesystem::path& data_dir,
             const std::filesystem::path& migrations, const std::string& json) {
  auto log = make_logger("bench", "warn");
  // As `lumbung` opens it: migrations, then the reference regions.
  auto db = store::Database::open("", data_dir, 2, log);
  if (!db) {
    std::cerr << "load: " << db.error().message() << "\n";
    return 1;
  }
  if (auto report = store::migrate(**db, migrations); !report) {
    std::cerr << "load: " << report.error().message() << "\n";
    return 1;
  }
  SystemClock clock;
  directory::InnovationService service(**db, clock);
  if (auto regions = service.load_reference_regions(); !regions) {
    std::cerr << "load: " << regions.error().message() << "\n";
    return 1;
  }
  if (auto counts = service.counts(); !counts) {
    std::cerr << "load: " << counts.error().message() << "\n";
    return 1;
  } else if (counts->published > 0) {
    std::cerr << "load: " << data_dir << " already holds " << counts->published << " published innovations\n";
    return 1;
  }

  const auto t0 = std::chrono::steady_clock::now();
  std::size_t created = 0;
  std::size_t unknown_region = 0;
  std::size_t failed = 0;
  std::map<std::string, std::size_t> missing_regions;
  try {
    for_each_record(corpus, [&](CorpusRecord&& r) {
      directory::InnovationDraft draft = r.innovation;  // state published
      auto done = service.create(0, draft);
      if (done) {
        if (++created % 10000 == 0) {
          const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
          std::printf("load: %zu created (%.0f/s)\n", created, static_cast<double>(created) / s);
          std::fflush(stdout);
        }
        return;
      }
      const auto& e = done.error();
      const bool region = std::any_of(e.fields().begin(), e.fields().end(), [](const FieldError& f) {
        return f.field == "region_code" && f.key == "error.unknown_region";
      });
      if (region) {
        ++unknown_region;
        ++missing_regions[r.innovation.region_code];
        return;
      }
      if (failed++ < 5) std::cerr << "load: line " << r.innovation.id << ": " << e.message() << "\n";
    });
  } catch (const std::exception& e) {
    std::cerr << "load: " << e.what() << "\n";
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto bytes = std::filesystem::file_size(data_dir / "lumbung.db");
  std::printf("load: %zu created in %.1f s (%.0f/s), %zu skipped (region not in the reference data: %zu codes), "
              "%zu failed; database %.1f MB\n",
              created, seconds, static_cast<double>(created) / seconds, unknown_region, missing_regions.size(), failed,
              static_cast<double>(bytes) / 1e6);
  nlohmann::json missing = nlohmann::json::object();
  for (const auto& [code, n] : missing_regions) missing[code] = n;
  write_json(json, {{"created", created},
                    {"skipped_unknown_region", unknown_region},
                    {"missing_region_codes", missing},
                    {"failed", failed},
                    {"load_seconds", std::round(seconds * 10) / 10},
                    {"database_bytes", bytes}});
  return failed == 0 ? 0 : 1;
}

}  // namespace lumbung::bench
