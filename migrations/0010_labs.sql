-- Innovation labs (issue 6): Laboratorium Inovasi cohorts run with the 5D
-- method. Portable as 0001: BIGINT ids from next_id(), BIGINT unix seconds,
-- TEXT (JSON where a list is stored whole), one statement per line.

-- A lab: format regular|executive; readiness_items and rubric are JSON arrays
-- of strings the organiser configures (readiness self-assessment items, the
-- coaches' scoring criteria).
CREATE TABLE labs (id BIGINT PRIMARY KEY, name TEXT NOT NULL, organizer TEXT NOT NULL, region_code TEXT NOT NULL REFERENCES regions (code), format TEXT NOT NULL, year INTEGER NOT NULL, readiness_items TEXT NOT NULL, rubric TEXT NOT NULL, created_by BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
CREATE INDEX labs_region ON labs (region_code, year);

-- Partners of a lab (role: academia, community, business, media, government).
CREATE TABLE lab_partners (lab_id BIGINT NOT NULL REFERENCES labs (id), position INTEGER NOT NULL, name TEXT NOT NULL, mou_ref TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (lab_id, position));

-- The schedule: one row per stage session (stage: drumup, diagnose, design,
-- delivery, display, documentation, clinic); dates YYYY-MM-DD; mode daring,
-- luring or hybrid; place is an address or a meeting link.
CREATE TABLE lab_sessions (lab_id BIGINT NOT NULL REFERENCES labs (id), position INTEGER NOT NULL, stage TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL, mode TEXT NOT NULL, place TEXT NOT NULL, PRIMARY KEY (lab_id, position));

-- Units enrolled in a lab and the coach assigned to each (0 = none yet).
CREATE TABLE lab_units (lab_id BIGINT NOT NULL REFERENCES labs (id), unit_id BIGINT NOT NULL REFERENCES units (id), coach_user_id BIGINT NOT NULL, enrolled_at BIGINT NOT NULL, PRIMARY KEY (lab_id, unit_id));
CREATE INDEX lab_units_coach ON lab_units (coach_user_id);
CREATE INDEX lab_units_unit ON lab_units (unit_id);

-- Ideas of a unit in a lab. stage: the stage being worked on, or "done";
-- innovation_id: the repository innovation it was published as (0 = not yet).
CREATE TABLE lab_ideas (id BIGINT PRIMARY KEY, lab_id BIGINT NOT NULL REFERENCES labs (id), unit_id BIGINT NOT NULL REFERENCES units (id), title TEXT NOT NULL, stage TEXT NOT NULL, innovation_id BIGINT NOT NULL, created_by BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
CREATE INDEX lab_ideas_lab ON lab_ideas (lab_id, stage);
CREATE INDEX lab_ideas_unit ON lab_ideas (unit_id);

-- The structured work of one stage of an idea (data: a JSON object whose
-- fields stage_rules defines). state: open, complete, returned.
CREATE TABLE lab_stage_work (idea_id BIGINT NOT NULL REFERENCES lab_ideas (id), stage TEXT NOT NULL, data TEXT NOT NULL, state TEXT NOT NULL, reason TEXT NOT NULL, updated_by BIGINT NOT NULL, updated_at BIGINT NOT NULL, decided_by BIGINT NOT NULL, decided_at BIGINT NOT NULL, PRIMARY KEY (idea_id, stage));

-- Coaches' threaded comments on a stage's work (parent_id 0 = a new thread).
CREATE TABLE lab_comments (id BIGINT PRIMARY KEY, idea_id BIGINT NOT NULL REFERENCES lab_ideas (id), stage TEXT NOT NULL, parent_id BIGINT NOT NULL, author_id BIGINT NOT NULL, author_name TEXT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE INDEX lab_comments_idea ON lab_comments (idea_id, stage, id);

-- Rubric scores (1-5) a coach or organiser gives a stage's work per criterion.
CREATE TABLE lab_scores (idea_id BIGINT NOT NULL REFERENCES lab_ideas (id), stage TEXT NOT NULL, criterion TEXT NOT NULL, scorer_id BIGINT NOT NULL, score INTEGER NOT NULL, scored_at BIGINT NOT NULL, PRIMARY KEY (idea_id, stage, criterion, scorer_id));

-- Executive labs: a reviewer's verdict on a unit head's pitch of an idea
-- (verdict: lanjut = go ahead, perbaiki = improve first, tolak = not pursued).
CREATE TABLE lab_verdicts (idea_id BIGINT NOT NULL REFERENCES lab_ideas (id), reviewer_id BIGINT NOT NULL, reviewer_name TEXT NOT NULL, verdict TEXT NOT NULL, remarks TEXT NOT NULL, decided_at BIGINT NOT NULL, PRIMARY KEY (idea_id, reviewer_id));

-- Coaching-clinic sessions of a lab (unit_id 0 = for the whole lab): when,
-- how, who came, notes, and follow-up actions as a JSON array of
-- {action, owner, due}.
CREATE TABLE lab_clinics (id BIGINT PRIMARY KEY, lab_id BIGINT NOT NULL REFERENCES labs (id), unit_id BIGINT NOT NULL, held_on TEXT NOT NULL, mode TEXT NOT NULL, attendees TEXT NOT NULL, notes TEXT NOT NULL, actions TEXT NOT NULL, created_by BIGINT NOT NULL, created_at BIGINT NOT NULL);
CREATE INDEX lab_clinics_lab ON lab_clinics (lab_id, held_on);
