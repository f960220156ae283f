// Imports and exports over the real tables, on SQLite and PostgreSQL: dry
// runs write nothing, imports upsert by (source, source id) so a second run
// changes nothing, every field remembers its source, an unreadable file
// writes nothing, and export -> import round-trips.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "curation/export_writer.hpp"
#include "curation/import_service.hpp"
#include "directory/innovation_json.hpp"
#include "directory/innovation_service.hpp"
#include "store/migrate.hpp"
#include "store/outbox.hpp"
#include "validation/duplicate_service.hpp"
#include "support/test_db.hpp"

namespace lumbung::curation {
namespace {

using test::TestDatabase;

const char* kHeader =
    "ID Inovasi;Nama Inovasi;Ringkasan;Latar Belakang;Rancang Bangun;Hasil;Kode Wilayah;Nama SKPD;"
    "Urusan;Bentuk Inovasi;Tahapan Inovasi;Jenis Inovasi;Tahun\n";

std::string kipp_row(const std::string& id, const std::string& name, const std::string& region = "33.03",
                     const std::string& stage = "Penerapan", const std::string& summary = "") {
  return id + ";" + name + ";" + (summary.empty() ? "Ringkasan " + name : summary) +
         ";Antrean panjang;Daftar daring;Antrean turun 40%;" + region + ";Dinas Kesehatan;kesehatan;Pelayanan Publik;" +
         stage + ";Digital;2019\n";
}

class ImportContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    LUMBUNG_TEST_DATABASE_OR_SKIP(target_, GetParam());
    auto db = target_->open();
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(*db);
    auto report = store::migrate(*db_, test::source_migrations_dir());
    ASSERT_TRUE(report.ok()) << report.error().message();
    innovations_ = std::make_unique<directory::InnovationService>(*db_, clock_);
    ASSERT_TRUE(innovations_->load_reference_regions().ok());
    imports_ = std::make_unique<ImportService>(*db_, clock_);
  }

  std::string file(const std::string& name, const std::string& text) {
    auto path = (target_->dir() / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  Result<ImportRun> import(const std::string& source, const std::string& path, bool dry_run,
                           std::vector<RowProblem>* problems = nullptr) {
    ImportRequest req;
    req.actor = 7;
    req.source = source;
    req.file_name = "f";
    req.file_path = path;
    req.dry_run = dry_run;
    return imports_->import_file(req, {}, [&](const RowProblem& p) {
      if (problems) problems->push_back(p);
    });
  }

  std::int64_t count_all() {
    directory::InnovationFilter all;
    all.state = "";
    directory::PageRequest page;
    page.limit = 200;
    std::int64_t n = 0;
    for (;;) {
      auto got = innovations_->list(all, page);
      EXPECT_TRUE(got.ok());
      n += static_cast<std::int64_t>(got->items.size());
      if (got->next_cursor.empty()) return n;
      page.cursor = got->next_cursor;
    }
  }

  std::int64_t outbox_head() {
    auto lease = db_->acquire();
    return store::outbox_head(*lease).value();
  }

  std::unique_ptr<TestDatabase> target_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_{1'700'000'000};
  std::unique_ptr<directory::InnovationService> innovations_;
  std::unique_ptr<ImportService> imports_;
};

TEST_P(ImportContract, DryRunReportsEveryProblemAndWritesNothing) {
  auto path = file("kipp.csv", std::string(kHeader) + kipp_row("K-1", "Sipandu") + kipp_row("K-2", "Lapor", "99.99") +
                                   kipp_row("K-3", "Antre", "33.03", "hampir") + kipp_row("K-1", "Sipandu lagi"));
  std::vector<RowProblem> problems;
  auto run = import("kipp", path, true, &problems);
  ASSERT_TRUE(run.ok()) << run.error().message();
  EXPECT_EQ(run->state, "done");
  EXPECT_EQ(run->rows_total, 4);
  EXPECT_EQ(run->rows_rejected, 3);
  EXPECT_EQ(run->rows_created, 1);
  EXPECT_EQ(count_all(), 0);
  auto has = [&](int row, const std::string& column, const std::string& key) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const RowProblem& p) { return p.row == row && p.column == column && p.key == key; });
  };
  EXPECT_TRUE(has(3, "Kode Wilayah", "curation.problem.unknown_region"));
  EXPECT_TRUE(has(4, "Tahapan Inovasi", "curation.problem.invalid_choice"));
  EXPECT_TRUE(has(5, "ID Inovasi", "curation.problem.duplicate_in_file"));
}

TEST_P(ImportContract, ImportUpsertsAndASecondRunChangesNothing) {
  auto path = file("kipp.csv", std::string(kHeader) + kipp_row("K-1", "Sipandu") + kipp_row("K-2", "Lapor Cepat"));
  auto first = import("kipp", path, false);
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(first->state, "done") << first->message << first->problems_json;
  EXPECT_EQ(first->rows_created, 2);
  auto id = innovations_->find_by_source("kipp", "K-1");
  ASSERT_TRUE(id.ok() && id->has_value());
  auto stored = innovations_->get(**id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->state, "published");
  EXPECT_EQ(stored->stage, "penerapan");
  EXPECT_TRUE(stored->digital);
  EXPECT_EQ(stored->unit_name, "Dinas Kesehatan");

  const auto head = outbox_head();
  const auto version = stored->version;
  auto second = import("kipp", path, false);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->rows_created, 0);
  EXPECT_EQ(second->rows_updated, 0);
  EXPECT_EQ(second->rows_unchanged, 2);
  EXPECT_EQ(outbox_head(), head);
  EXPECT_EQ(innovations_->get(**id)->version, version);
  EXPECT_EQ(count_all(), 2);

  // A changed row updates only that innovation and goes to the search outbox.
  auto changed =
      file("kipp2.csv", std::string(kHeader) + kipp_row("K-1", "Sipandu Plus") + kipp_row("K-2", "Lapor Cepat"));
  auto third = import("kipp", changed, false);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->rows_updated, 1);
  EXPECT_EQ(third->rows_unchanged, 1);
  EXPECT_EQ(outbox_head(), head + 1);
  EXPECT_EQ(innovations_->get(**id)->name, "Sipandu Plus");
}

// After a curator merges two imported records, importing the source's file
// again skips the merged one's row with a warning: the duplicate stays
// archived and the survivor keeps the fields the curator took from it, while
// its other fields still follow the source.
TEST_P(ImportContract, AReimportSkipsARecordMergedIntoAnother) {
  auto path = file("kipp.csv", std::string(kHeader) + kipp_row("K-1", "Sipandu") + kipp_row("K-2", "Sipandu Kesehatan"));
  auto first = import("kipp", path, false);
  ASSERT_TRUE(first.ok()) << first.error().message();
  ASSERT_EQ(first->rows_created, 2);
  auto survivor = **innovations_->find_by_source("kipp", "K-1");
  auto merged = **innovations_->find_by_source("kipp", "K-2");
  validation::DuplicateService duplicates(*db_, clock_);
  ASSERT_TRUE(duplicates.scan(nullptr).ok());
  auto m = duplicates.merge(auth::Actor::system(), survivor, merged, {{"summary", "merged"}});
  ASSERT_TRUE(m.ok()) << m.error().message();
  const auto survivor_version = innovations_->get(survivor)->version;

  for (bool dry_run : {true, false}) {
    std::vector<RowProblem> problems;
    auto again = import("kipp", path, dry_run, &problems);
    ASSERT_TRUE(again.ok()) << again.error().message();
    EXPECT_EQ(again->state, "done") << again->message << again->problems_json;
    EXPECT_EQ(again->rows_rejected, 0) << again->problems_json;
    EXPECT_EQ(again->rows_unchanged, dry_run ? 1 : 2);  // a dry run counts K-1 as an update it would try
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].row, 3);
    EXPECT_EQ(problems[0].key, "curation.problem.merged");
    EXPECT_EQ(problems[0].value, std::to_string(survivor));
    EXPECT_TRUE(problems[0].warning);
  }
  EXPECT_EQ(innovations_->get(merged)->state, "archived");
  EXPECT_EQ(innovations_->get(survivor)->version, survivor_version);
  EXPECT_EQ(innovations_->get(survivor)->summary, "Ringkasan Sipandu Kesehatan");

  auto changed = file("kipp2.csv", std::string(kHeader) + kipp_row("K-1", "Sipandu Plus", "33.03", "Penerapan",
                                                                    "Ringkasan baru dari KIPP") +
                                       kipp_row("K-2", "Sipandu Kesehatan"));
  auto third = import("kipp", changed, false);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->rows_updated, 1);
  EXPECT_EQ(innovations_->get(survivor)->name, "Sipandu Plus");
  EXPECT_EQ(innovations_->get(survivor)->summary, "Ringkasan Sipandu Kesehatan");
}

TEST_P(ImportContract, FieldsRememberTheirSource) {
  auto path = file("iga.csv", std::string(kHeader) + kipp_row("G-1", "Sipandu"));
  auto run = import("iga", path, false);
  ASSERT_TRUE(run.ok());
  auto id = innovations_->find_by_source("iga", "G-1");
  ASSERT_TRUE(id.ok() && id->has_value());
  auto prov = imports_->provenance(**id);
  ASSERT_TRUE(prov.ok());
  auto name = std::find_if(prov->begin(), prov->end(), [](const Provenance& p) { return p.field == "name"; });
  ASSERT_NE(name, prov->end());
  EXPECT_EQ(name->source, "iga");
  EXPECT_EQ(name->import_id, run->id);
  // A later import of the lumbung source that changes only the name moves only the name.
  std::ostringstream csv;
  csv << "id,name\r\n" << **id << ",Sipandu Baru\r\n";
  auto path2 = file("lumbung.csv", csv.str());
  auto second = import("lumbung", path2, false);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->rows_updated, 1) << second->problems_json;
  prov = imports_->provenance(**id);
  for (const auto& p : *prov) EXPECT_EQ(p.source, p.field == "name" ? "lumbung" : "iga") << p.field;
  EXPECT_EQ(innovations_->get(**id)->summary, "Ringkasan Sipandu");
}

TEST_P(ImportContract, AnUnreadableFileWritesNothing) {
  std::string text = kHeader;
  for (int i = 0; i < 2500; ++i) text += kipp_row("K-" + std::to_string(i), "Inovasi " + std::to_string(i));
  text += "K-x;\"tidak ditutup\n";
  auto run = import("kipp", file("bad.csv", text), false);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->state, "failed");
  EXPECT_EQ(run->message, "curation.run.unreadable");
  EXPECT_NE(run->problems_json.find("curation.read.unterminated_quote"), std::string::npos);
  EXPECT_NE(run->problems_json.find("\"row\":2502"), std::string::npos);
  EXPECT_EQ(count_all(), 0);
}

TEST_P(ImportContract, BatchesCoverLargeFilesAndMappingIsSaved) {
  std::string text = "No;Judul;Kode\n";
  for (int i = 0; i < 2300; ++i) text += "L-" + std::to_string(i) + ";Inovasi nomor " + std::to_string(i) + ";33.03\n";
  ASSERT_TRUE(
      imports_->save_mapping(1, "labinov", {{"source_id", "No"}, {"name", "Judul"}, {"region_code", "Kode"}}).ok());
  auto saved = imports_->saved_mapping("labinov");
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ((*saved)["name"], "Judul");
  auto run = import("labinov", file("labinov.csv", text), false);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->state, "done") << run->problems_json;
  EXPECT_EQ(run->rows_created, 2300);
  EXPECT_EQ(run->rows_done, 2300);
  EXPECT_EQ(count_all(), 2300);
  // Incomplete profiles become drafts, with a warning per row.
  EXPECT_EQ(run->problem_count, 2300);
  auto id = innovations_->find_by_source("labinov", "L-5");
  EXPECT_EQ(innovations_->get(**id)->state, "draft");
}

TEST_P(ImportContract, ExportThenImportRoundTrips) {
  auto path = file("kipp.csv", std::string(kHeader) +
                                   kipp_row("K-1", "\"=Sipandu; \"\"cepat\"\"\"", "33.03", "Penerapan", "Ringkasan") +
                                   kipp_row("K-2", "\"Lapor\r\nbaris dua\"", "33.03", "Uji coba", "Ringkasan 2"));
  auto first = import("kipp", path, false);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->rows_created, 2) << first->problems_json;
  directory::InnovationDraft own;
  own.name = "-Inovasi milik Lumbung";
  own.region_code = "33.03";
  own.awards = {{"kipp", 2020, "Top 45"}};
  auto created = innovations_->create(1, own);
  ASSERT_TRUE(created.ok()) << created.error().message();

  directory::InnovationFilter all;
  all.state = "";
  for (auto format : {ExportFormat::csv, ExportFormat::xlsx}) {
    auto out = (target_->dir() / (std::string("export.") + extension(format))).string();
    auto rows = export_file(*innovations_, all, format, out);
    ASSERT_TRUE(rows.ok()) << rows.error().message();
    EXPECT_EQ(*rows, 3);
    std::vector<nlohmann::json> before;
    for (auto id : {*innovations_->find_by_source("kipp", "K-1").value(),
                    *innovations_->find_by_source("kipp", "K-2").value(), created->id})
      before.push_back(directory::to_json(*innovations_->get(id)));
    auto again = import("lumbung", out, false);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->state, "done") << again->problems_json;
    EXPECT_EQ(again->rows_unchanged, 3) << extension(format) << " " << again->problems_json;
    EXPECT_EQ(again->rows_rejected, 0);
    std::size_t k = 0;
    for (auto id : {*innovations_->find_by_source("kipp", "K-1").value(),
                    *innovations_->find_by_source("kipp", "K-2").value(), created->id})
      EXPECT_EQ(directory::to_json(*innovations_->get(id)), before[k++]);
  }
  // JSON Lines: one interchange object per innovation.
  std::ostringstream jsonl;
  ASSERT_TRUE(export_stream(*innovations_, all, ExportFormat::jsonl, jsonl).ok());
  const std::string lines = jsonl.str();
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 3);
}

INSTANTIATE_TEST_SUITE_P(Engines, ImportContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::curation
