-- Imports from KIPP, IGA, Labinov and Lumbung's own CSV (issue 7). Portable
-- as 0001: BIGINT ids from next_id(), BIGINT unix seconds, TEXT, one
-- statement per line.

-- The column mapping of a source, saved once and reused: which header of the
-- source's file holds each Lumbung field (curation/import_rules.hpp).
CREATE TABLE import_mappings (source TEXT NOT NULL, field TEXT NOT NULL, header TEXT NOT NULL, updated_by BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (source, field));

-- One import (or dry run) of a file. state: queued, running, done, failed.
-- file_path: the uploaded copy under the data directory; problems: a JSON
-- array of row problems (the first 2,000); rows_*: progress and outcome.
CREATE TABLE import_runs (id BIGINT PRIMARY KEY, source TEXT NOT NULL, file_name TEXT NOT NULL, file_path TEXT NOT NULL, dry_run INTEGER NOT NULL, state TEXT NOT NULL, rows_total BIGINT NOT NULL, rows_done BIGINT NOT NULL, rows_created BIGINT NOT NULL, rows_updated BIGINT NOT NULL, rows_unchanged BIGINT NOT NULL, rows_rejected BIGINT NOT NULL, problem_count BIGINT NOT NULL, problems TEXT NOT NULL, message TEXT NOT NULL, created_by BIGINT NOT NULL, created_at BIGINT NOT NULL, finished_at BIGINT NOT NULL);
CREATE INDEX import_runs_created ON import_runs (created_at);

-- Where each field of an innovation last came from: the source and the
-- import run that set it (import_id 0: an editor or the API).
CREATE TABLE field_provenance (innovation_id BIGINT NOT NULL REFERENCES innovations (id), field TEXT NOT NULL, source TEXT NOT NULL, import_id BIGINT NOT NULL, set_at BIGINT NOT NULL, PRIMARY KEY (innovation_id, field));
