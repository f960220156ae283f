-- Competitions (issue 10): KIPP-style contests run by a curator: the call and
-- its rules, agencies' entries, administrative selection, judges' scores,
-- public objections, presentation slots and results. Portable as 0001:
-- BIGINT ids from next_id(), BIGINT unix seconds, TEXT (JSON where a list is
-- stored whole), one statement per line.

-- A competition. level: nasional, provinsi, kementerian. config: JSON with
-- groups, categories, eligibility, aspects (key, label, weight, word_limit),
-- required attachments and round dates (competition_rules.hpp). phase: the
-- current round (registration ... published).
CREATE TABLE competitions (id BIGINT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, year INTEGER NOT NULL, award_label TEXT NOT NULL, config TEXT NOT NULL, phase TEXT NOT NULL, created_by BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);

-- An agency's entry. region_code/unit_id: the agency; cluster: kementerian,
-- lembaga, provinsi, kabupaten, kota, bumn, bumd; answers and attachments:
-- JSON objects keyed by aspect / attachment key. state: draft, submitted,
-- passed, failed, finalist, winner, withdrawn. Scores in hundredths of a point.
CREATE TABLE competition_entries (id BIGINT PRIMARY KEY, competition_id BIGINT NOT NULL REFERENCES competitions (id), region_code TEXT NOT NULL, unit_id BIGINT NOT NULL, cluster TEXT NOT NULL, group_name TEXT NOT NULL, category TEXT NOT NULL, title TEXT NOT NULL, innovation_id BIGINT NOT NULL, started_on TEXT NOT NULL, answers TEXT NOT NULL, attachments TEXT NOT NULL, state TEXT NOT NULL, admin_reason TEXT NOT NULL, desk_score BIGINT NOT NULL, final_score BIGINT NOT NULL, ranking INTEGER NOT NULL, award TEXT NOT NULL, created_by BIGINT NOT NULL, created_at BIGINT NOT NULL, submitted_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
CREATE INDEX competition_entries_competition ON competition_entries (competition_id, state);
CREATE INDEX competition_entries_region ON competition_entries (region_code);

-- Judges assigned to an entry (a pair or a panel).
CREATE TABLE competition_judges (entry_id BIGINT NOT NULL REFERENCES competition_entries (id), judge_id BIGINT NOT NULL REFERENCES users (id), assigned_by BIGINT NOT NULL, assigned_at BIGINT NOT NULL, PRIMARY KEY (entry_id, judge_id));
CREATE INDEX competition_judges_judge ON competition_judges (judge_id);

-- A judge's score (0-100) of one aspect of an entry; stage desk (the
-- proposal's aspects) or presentation (aspect "presentation").
CREATE TABLE competition_scores (entry_id BIGINT NOT NULL REFERENCES competition_entries (id), judge_id BIGINT NOT NULL, stage TEXT NOT NULL, aspect TEXT NOT NULL, score INTEGER NOT NULL, scored_at BIGINT NOT NULL, PRIMARY KEY (entry_id, judge_id, stage, aspect));

-- Public objections against a finalist. state: open, upheld, dismissed.
CREATE TABLE competition_objections (id BIGINT PRIMARY KEY, entry_id BIGINT NOT NULL REFERENCES competition_entries (id), name TEXT NOT NULL, email TEXT NOT NULL, body TEXT NOT NULL, ip TEXT NOT NULL, state TEXT NOT NULL, resolution TEXT NOT NULL, created_at BIGINT NOT NULL, resolved_by BIGINT NOT NULL, resolved_at BIGINT NOT NULL);
CREATE INDEX competition_objections_entry ON competition_objections (entry_id, state);

-- Presentation and interview slots of finalists (starts_at YYYY-MM-DDTHH:MM, WIB).
CREATE TABLE competition_slots (entry_id BIGINT PRIMARY KEY REFERENCES competition_entries (id), starts_at TEXT NOT NULL, link TEXT NOT NULL, updated_at BIGINT NOT NULL);
