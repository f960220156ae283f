// lumbung_bench_competition: a KIPP-sized competition through
// CompetitionService on SQLite, timing the steps that touch every entry:
// submitting N proposals, the administrative pass, 2 judges x 7 weighted
// aspects of desk scores per proposal, the plenary view (consolidation of
// every proposal) and the move to finalists (ranking, Top N marked, their
// agencies notified). Baseline, measured in the same run: reading one
// competition (a one-row query through the same service). Not a test.
//   lumbung_bench_competition DATA_DIR MIGRATIONS_DIR [ENTRIES] [JUDGES]
#include <chrono>
#include <iostream>
#include <string>

#include "auth/auth_service.hpp"
#include "competition/competition_service.hpp"
#include "directory/innovation_service.hpp"
#include "store/database.hpp"
#include "store/migrate.hpp"

using namespace lumbung;

namespace {

double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void row(const std::string& what, int n, double total_ms) {
  std::cout << what << "\t" << n << "\t" << total_ms << " ms\t" << (total_ms / n) << " ms each\n";
}

int fail(const Error& e) {
  std::cerr << e.message() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: lumbung_bench_competition DATA_DIR MIGRATIONS_DIR [ENTRIES] [JUDGES]\n";
    return 2;
  }
  const int entries = argc > 3 ? std::stoi(argv[3]) : 3110;
  const int judges = argc > 4 ? std::stoi(argv[4]) : 40;
  auto log = make_logger("bench", "warn");
  auto db = store::Database::open("", argv[1], 2, log);
  if (!db) return fail(db.error());
  if (auto report = store::migrate(**db, argv[2]); !report) return fail(report.error());
  SystemClock clock;
  directory::InnovationService innovations(**db, clock);
  if (auto r = innovations.load_reference_regions(); !r) return fail(r.error());
  auth::AccountService accounts(**db, clock);
  competition::CompetitionService service(**db, clock, innovations);
  const auto system = auth::Actor::system("bench");

  // Regencies and cities of every province: the agencies.
  std::vector<std::string> regions;
  auto provinces = innovations.regions("");
  if (!provinces) return fail(provinces.error());
  for (const auto& p : *provinces) {
    auto below = innovations.regions(p.code);
    if (!below) return fail(below.error());
    for (const auto& r : *below) regions.push_back(r.code);
  }
  std::vector<auth::Actor> judge_actors;
  for (int j = 0; j < judges; ++j) {
    auto u = accounts.create_user("juri" + std::to_string(j) + "@bench.go.id", "Juri " + std::to_string(j),
                                  {{auth::Role::judge, auth::Scope::national()}}, "", system);
    if (!u) return fail(u.error());
    judge_actors.push_back(auth::Actor::of(u->user));
  }

  competition::CompetitionDraft d;
  d.name = "KIPP Bench";
  d.level = "nasional";
  d.year = 2023;
  d.award_label = "KIPP Bench";
  d.config = competition::kipp_2023_template();
  d.config.cap_per_agency = 0;
  d.config.rounds = {"2020-01-01", "2099-12-31", "2099-12-31", "2099-12-31", "2099-12-31", "2099-12-31", "2099-12-31"};
  auto c = service.create(system, d);
  if (!c) return fail(c.error());

  // Baseline: one-row read through the service.
  constexpr int kBaseline = 1000;
  auto t = std::chrono::steady_clock::now();
  for (int i = 0; i < kBaseline; ++i)
    if (auto got = service.get(c->id); !got) return fail(got.error());
  row("baseline: read the competition", kBaseline, since(t));

  std::string answer;
  for (int w = 0; w < 150; ++w) answer += "kata ";
  std::vector<std::int64_t> ids;
  t = std::chrono::steady_clock::now();
  for (int i = 0; i < entries; ++i) {
    competition::EntryInput in;
    in.region_code = regions[static_cast<std::size_t>(i) % regions.size()];
    in.group_name = "umum";
    in.category = d.config.categories[static_cast<std::size_t>(i) % d.config.categories.size()];
    in.title = "Inovasi " + std::to_string(i);
    in.started_on = "2020-01-01";
    for (const auto& a : d.config.aspects) in.answers[a.key] = answer;
    for (const auto& a : d.config.attachments) in.attachments[a.key] = "https://contoh.go.id/" + a.key;
    auto e = service.save_entry(system, c->id, 0, in, true);
    if (!e) return fail(e.error());
    ids.push_back(e->id);
  }
  row("submit a proposal (eligibility, cap count, 8 x 150 words)", entries, since(t));
  if (auto a = service.advance(system, c->id); !a) return fail(a.error());
  t = std::chrono::steady_clock::now();
  for (auto id : ids)
    if (auto r = service.decide_admin(system, id, true, ""); !r) return fail(r.error());
  row("administrative pass (with notice)", entries, since(t));
  if (auto a = service.advance(system, c->id); !a) return fail(a.error());
  t = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < ids.size(); ++i)
    for (int k = 0; k < 2; ++k)
      if (auto r = service.assign_judge(system, ids[i], judge_actors[(i * 2 + k) % judge_actors.size()].user_id); !r)
        return fail(r.error());
  row("assign a judge (conflict check, notice)", entries * 2, since(t));
  t = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < ids.size(); ++i)
    for (int k = 0; k < 2; ++k) {
      std::map<std::string, int> scores;
      int s = 50 + static_cast<int>((i * 7 + k * 13) % 50);
      for (const auto& a : d.config.aspects)
        if (a.weight > 0) scores[a.key] = s;
      if (auto r = service.score(judge_actors[(i * 2 + k) % judge_actors.size()], ids[i], "desk", scores); !r)
        return fail(r.error());
    }
  row("a judge's desk scores (7 aspects)", entries * 2, since(t));
  constexpr int kPanels = 5;
  t = std::chrono::steady_clock::now();
  for (int i = 0; i < kPanels; ++i)
    if (auto p = service.panel(system, c->id); !p || p->size() != ids.size())
      return fail(p ? Error(ErrorCode::internal, "panel size") : p.error());
  row("plenary view: consolidate every proposal", kPanels, since(t));
  t = std::chrono::steady_clock::now();
  if (auto a = service.advance(system, c->id); !a) return fail(a.error());
  row("desk -> finalists: rank, mark Top 99, notify", 1, since(t));
  return 0;
}
