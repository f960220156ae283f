// lumbung_bench_labs_seed: fills a data directory with the lab benchmark's
// data through LabService (as the system): `labs` labs in one region, the
// first with `units` enrolled units and `ideas` ideas, the others with 10
// units and 20 ideas each; ideas are spread over the stages. Not a test.
//   lumbung_bench_labs_seed DATA_DIR MIGRATIONS_DIR [REGION] [UNITS] [IDEAS] [LABS]
#include <chrono>
#include <iostream>
#include <string>

#include "auth/auth_service.hpp"
#include "directory/innovation_service.hpp"
#include "labs/lab_service.hpp"
#include "store/database.hpp"
#include "store/migrate.hpp"

using namespace lumbung;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: lumbung_bench_labs_seed DATA_DIR MIGRATIONS_DIR [REGION] [UNITS] [IDEAS] [LABS]\n";
    return 2;
  }
  const std::string region = argc > 3 ? argv[3] : "33.03";
  const int units = argc > 4 ? std::stoi(argv[4]) : 200;
  const int ideas = argc > 5 ? std::stoi(argv[5]) : 1000;
  const int lab_count = argc > 6 ? std::stoi(argv[6]) : 20;
  auto log = make_logger("bench", "warn");
  auto db = store::Database::open("", argv[1], 2, log);
  if (!db) return std::cerr << db.error().message() << "\n", 1;
  if (auto report = store::migrate(**db, argv[2]); !report) return std::cerr << report.error().message() << "\n", 1;
  SystemClock clock;
  directory::InnovationService innovations(**db, clock);
  if (auto r = innovations.load_reference_regions(); !r) return std::cerr << r.error().message() << "\n", 1;
  auth::AccountService accounts(**db, clock);
  labs::LabService service(**db, clock, innovations, accounts);
  const auto actor = auth::Actor::system("bench");
  const char* kinds[] = {"opd", "kecamatan", "puskesmas", "bumd", "kelurahan", "sekolah", "uptd"};
  const char* stages[] = {"drumup", "diagnose", "design", "delivery", "display", "done"};
  const auto t0 = std::chrono::steady_clock::now();
  int made_units = 0, made_ideas = 0;
  for (int l = 0; l < lab_count; ++l) {
    labs::LabDraft d;
    d.name = "Lab Bench " + std::to_string(l + 1);
    d.organizer = "Bappelitbangda";
    d.region_code = region;
    d.year = 2025;
    d.sessions = {{"drumup", "2025-01-10", "2025-01-11", "luring", "Pendopo"},
                  {"diagnose", "2025-02-10", "2025-02-11", "luring", "Pendopo"},
                  {"design", "2025-03-10", "2025-03-10", "daring", "https://zoom.us/j/1"},
                  {"delivery", "2025-04-01", "2099-06-30", "hybrid", "Unit masing-masing"},
                  {"display", "2099-12-01", "2099-12-01", "luring", "Expo"}};
    auto lab = service.create_lab(actor, d);
    if (!lab) return std::cerr << lab.error().message() << "\n", 1;
    const int n_units = l == 0 ? units : 10;
    const int n_ideas = l == 0 ? ideas : 20;
    std::vector<std::int64_t> unit_ids;
    for (int u = 0; u < n_units; ++u) {
      auto unit = innovations.create_unit(0, region, kinds[u % 7],
                                          "Unit Bench " + std::to_string(l + 1) + "-" + std::to_string(u + 1));
      if (!unit) return std::cerr << unit.error().message() << "\n", 1;
      if (auto st = service.enrol_unit(actor, lab->id, unit->id, ""); !st)
        return std::cerr << st.error().message() << "\n", 1;
      unit_ids.push_back(unit->id);
      ++made_units;
    }
    for (int i = 0; i < n_ideas; ++i) {
      auto idea = service.create_idea(actor, lab->id, unit_ids[static_cast<std::size_t>(i) % unit_ids.size()],
                                      "Ide inovasi bench nomor " + std::to_string(i + 1));
      if (!idea) return std::cerr << idea.error().message() << "\n", 1;
      ++made_ideas;
    }
    // Spread the ideas over the stages (the gates are not what is measured).
    auto sql = (*db)->acquire();
    for (int s = 0; s < 6; ++s) {
      long long lab_id = lab->id;
      int mod = s;
      std::string stage = stages[s];
      *sql << "UPDATE lab_ideas SET stage = :stage WHERE lab_id = :lab AND id % 6 = :mod", soci::use(stage, "stage"),
          soci::use(lab_id, "lab"), soci::use(mod, "mod");
    }
  }
  const auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "seeded " << lab_count << " labs, " << made_units << " units, " << made_ideas << " ideas in " << secs
            << " s\n";
  return 0;
}
