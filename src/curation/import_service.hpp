// Imports of outside files into the repository, one use case per call.
//
// An import reads the file twice. Pass one (the whole of a dry run) checks
// every row without writing: the file must be readable to its end (an
// unterminated quote, a 10,000-column row, a damaged XLSX stop the import
// before anything is written), each row's values are converted and
// validated, regions looked up, and a source id seen twice in the file is a
// problem of the later row. Pass two writes the rows that had no problem.
//
// Transactions: pass two commits every kBatchRows rows in one transaction
// (the innovation, its revision, the search outbox row, the field
// provenance and the run's progress together), so an innovation is never
// half-written and the search index sees whole batches. Because pass one
// has already read and checked the whole file, the only failures left in
// pass two are the database's own (disk full, connection lost); then the
// batch in progress is rolled back, the run is marked failed with the row it
// stopped at, and running the same import again finishes the job: rows are
// upserted by (source, source id), so rows already written are unchanged.
// A single transaction for the whole file would hold SQLite's write lock
// for the whole import and block every editor meanwhile.
//
// Rows of a non-lumbung source become new innovations published directly
// when the profile is complete, else drafts (a warning in the preview).
// Rows of the lumbung source (Lumbung's own CSV, docs/csv-format.md) carry
// id and/or source_program + source_id and keep the stored state unless the
// state column says otherwise for a new row.
#pragma once

#include <functional>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "curation/import_store.hpp"
#include "curation/table_reader.hpp"
#include "store/database.hpp"

namespace lumbung::curation {

inline constexpr int kBatchRows = 1000;
inline constexpr std::size_t kMaxStoredProblems = 2000;

struct ImportRequest {
  std::int64_t actor = 0;
  std::string source;     // kipp, iga, labinov, lumbung
  std::string file_name;  // as the user named it
  std::string file_path;  // where it is stored
  bool dry_run = false;
  std::optional<Mapping> mapping;  // nullopt: the saved mapping, completed by suggestions
  ReadLimits limits;
};

// What a page or the CLI shows while a run goes on.
using ProgressFn = std::function<void(const ImportRun&)>;
using ProblemFn = std::function<void(const RowProblem&)>;

class ImportService {
 public:
  ImportService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The headers (first row) and up to `sample` further rows of a file.
  struct Preview {
    std::vector<std::string> headers;
    std::vector<SheetRow> rows;
    std::string format, encoding;
    char separator = 0;
  };
  Result<Preview> preview(const std::string& path, std::size_t sample = 5, ReadLimits limits = {});

  Result<Mapping> saved_mapping(const std::string& source);
  // Saves only fields Lumbung knows whose header is not empty.
  Status save_mapping(std::int64_t actor, const std::string& source, const Mapping& mapping);
  // The saved mapping completed with suggestions for `headers`.
  Result<Mapping> mapping_for(const std::string& source, const std::vector<std::string>& headers);

  // Records a run in `state` "queued" (the page then starts it in the
  // background) or "uploaded" (a file waiting for its mapping). A real
  // import (not a dry run) is written to the audit log.
  Result<ImportRun> queue(const ImportRequest& request, const std::string& state = "queued");
  // Puts an uploaded run back in the queue as a fresh dry run.
  Result<ImportRun> requeue_dry_run(std::int64_t id);
  // Runs a queued run to its end (done or failed); returns the final run.
  // Errors only when the run cannot be found or the store is down at start.
  Result<ImportRun> execute(std::int64_t run_id, const ImportRequest& request, const ProgressFn& progress = {},
                            const ProblemFn& problem = {});
  // queue + execute (the CLI).
  Result<ImportRun> import_file(const ImportRequest& request, const ProgressFn& progress = {},
                                const ProblemFn& problem = {});

  // Marks runs left queued or running by a stopped process as failed
  // (curation.run.interrupted); returns how many.
  Result<int> fail_interrupted();

  Result<ImportRun> run(std::int64_t id);
  Result<std::vector<ImportRun>> recent(int limit = 20);
  Result<std::vector<Provenance>> provenance(std::int64_t innovation_id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace lumbung::curation
