-- The innovation repository (issue 4): regions, units, the full innovation
-- profile, awards, revisions and the publication state machine. Portable as
-- 0001: BIGINT ids from next_id(), BIGINT unix seconds, INTEGER 0/1
-- booleans, TEXT; one statement per ';'-terminated line run.

-- Kemendagri regions: provinces (code "73"), regencies and cities ("73.72").
CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  parent_code TEXT,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  province_code TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions (parent_code);

-- Agencies and other units of a region (kind: opd, kecamatan, kelurahan, desa,
-- puskesmas, rsud, uptd, sekolah, bumd, lainnya).
CREATE TABLE units (
  id BIGINT PRIMARY KEY,
  region_code TEXT NOT NULL REFERENCES regions (code),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX units_region_name ON units (region_code, name);

-- The innovation profile (IID "Proposal Inovasi Daerah", KIPP aspects,
-- JIPPNas provenance and sustainability status).
ALTER TABLE innovations ADD COLUMN slug TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN province_code TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN unit_id BIGINT REFERENCES units (id);
ALTER TABLE innovations ADD COLUMN problem TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN solution TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN novelty TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN beneficiaries TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN results TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN form TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN digital INTEGER NOT NULL DEFAULT 0;
ALTER TABLE innovations ADD COLUMN stage TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN initiator TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN trial_date TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN implementation_date TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN budget_text TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN budget_amount BIGINT NOT NULL DEFAULT 0;
ALTER TABLE innovations ADD COLUMN funding_source TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN contact_email TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN source_program TEXT NOT NULL DEFAULT 'lumbung';
-- NULL for innovations written here, so the unique index below ignores them.
ALTER TABLE innovations ADD COLUMN source_id TEXT;
ALTER TABLE innovations ADD COLUMN year_started INTEGER NOT NULL DEFAULT 0;
ALTER TABLE innovations ADD COLUMN status TEXT NOT NULL DEFAULT 'berlanjut';
ALTER TABLE innovations ADD COLUMN last_verified_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE innovations ADD COLUMN award_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE innovations ADD COLUMN review_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE innovations ADD COLUMN published_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE innovations ADD COLUMN created_by BIGINT NOT NULL DEFAULT 0;
ALTER TABLE innovations ADD COLUMN updated_by BIGINT NOT NULL DEFAULT 0;

CREATE UNIQUE INDEX innovations_source ON innovations (source_program, source_id);
CREATE INDEX innovations_state_region ON innovations (state, region_code, updated_at);
CREATE INDEX innovations_state_province ON innovations (state, province_code, updated_at);
CREATE INDEX innovations_state_sector ON innovations (state, sector, updated_at);
CREATE INDEX innovations_state_year ON innovations (state, year_started);
CREATE INDEX innovations_unit ON innovations (unit_id, state);

-- Awards and source programmes of an innovation (program: kipp, iga, labinov, lainnya).
CREATE TABLE innovation_awards (
  innovation_id BIGINT NOT NULL REFERENCES innovations (id),
  program TEXT NOT NULL,
  year INTEGER NOT NULL,
  award TEXT NOT NULL,
  PRIMARY KEY (innovation_id, program, year, award)
);
CREATE INDEX innovation_awards_program ON innovation_awards (program, year);

-- One row per write: the interchange object after the change.
CREATE TABLE innovation_revisions (
  id BIGINT PRIMARY KEY,
  innovation_id BIGINT NOT NULL REFERENCES innovations (id),
  version BIGINT NOT NULL,
  author_user_id BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  action TEXT NOT NULL,
  snapshot_json TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX innovation_revisions_version ON innovation_revisions (innovation_id, version);
