-- Keeping the repository true (issue 7): validation campaigns (pemutakhiran)
-- and the duplicate review queue with reversible merges. Portable as 0001:
-- BIGINT ids from next_id(), BIGINT unix seconds, TEXT (JSON where a whole
-- object is kept), one statement per line.

-- A campaign: the filter it selected innovations with (JSON object: source,
-- year, region, unverified_since), its deadline (YYYY-MM-DD, end of day WIB)
-- and its state: draft, open, closed.
CREATE TABLE validation_campaigns (id BIGINT PRIMARY KEY, title TEXT NOT NULL, filter TEXT NOT NULL, deadline TEXT NOT NULL, state TEXT NOT NULL, created_by BIGINT NOT NULL, created_at BIGINT NOT NULL, opened_at BIGINT NOT NULL, closed_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);

-- One innovation asked in a campaign (region, unit and source copied when the
-- campaign opened) and its answer (answered_at 0 = not yet). status:
-- berlanjut, berkembang, berhenti; evidence: a link or an attachment id.
CREATE TABLE validation_items (campaign_id BIGINT NOT NULL REFERENCES validation_campaigns (id), innovation_id BIGINT NOT NULL REFERENCES innovations (id), region_code TEXT NOT NULL, unit_id BIGINT NOT NULL, source_program TEXT NOT NULL, status TEXT NOT NULL, results TEXT NOT NULL, figures TEXT NOT NULL, evidence_url TEXT NOT NULL, evidence_attachment BIGINT NOT NULL, contact_name TEXT NOT NULL, contact_phone TEXT NOT NULL, contact_email TEXT NOT NULL, answered_by BIGINT NOT NULL, answered_at BIGINT NOT NULL, PRIMARY KEY (campaign_id, innovation_id));
CREATE INDEX validation_items_region ON validation_items (campaign_id, region_code);
CREATE INDEX validation_items_unit ON validation_items (unit_id, campaign_id);

-- Likely duplicate pairs (left_id < right_id) with their score (0-100) and
-- reasons (JSON array of reason keys); decision: open, not_duplicate,
-- related, merged. Decided pairs are never proposed again.
CREATE TABLE duplicate_pairs (left_id BIGINT NOT NULL REFERENCES innovations (id), right_id BIGINT NOT NULL REFERENCES innovations (id), score INTEGER NOT NULL, reasons TEXT NOT NULL, decision TEXT NOT NULL, decided_by BIGINT NOT NULL, decided_at BIGINT NOT NULL, found_at BIGINT NOT NULL, PRIMARY KEY (left_id, right_id));
CREATE INDEX duplicate_pairs_queue ON duplicate_pairs (decision, score);

-- A merge of merged_id into survivor_id: both innovations as they were before
-- (the interchange object with awards), to undo exactly; undone_at 0 = in
-- force, when /inovasi/{merged_id} redirects to the survivor.
CREATE TABLE innovation_merges (id BIGINT PRIMARY KEY, survivor_id BIGINT NOT NULL REFERENCES innovations (id), merged_id BIGINT NOT NULL REFERENCES innovations (id), survivor_before TEXT NOT NULL, merged_before TEXT NOT NULL, choices TEXT NOT NULL, merged_by BIGINT NOT NULL, merged_at BIGINT NOT NULL, undone_by BIGINT NOT NULL, undone_at BIGINT NOT NULL);
CREATE INDEX innovation_merges_merged ON innovation_merges (merged_id, undone_at);
CREATE INDEX innovation_merges_survivor ON innovation_merges (survivor_id, undone_at);
