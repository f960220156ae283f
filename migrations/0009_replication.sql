-- Replication (issue 8): an innovation's willingness to be replicated and what
-- an adopter gets; requests from other regions and the transfers they become
-- (steps from a curator-edited template, documents, history); adoptions (from
-- a completed transfer, or recorded outside Lumbung and confirmed by the
-- origin). Portable as 0001: BIGINT ids from next_id(), BIGINT unix seconds,
-- INTEGER 0/1, TEXT; dates typed by people are TEXT "YYYY-MM-DD".
CREATE TABLE replication_offers (
  innovation_id BIGINT PRIMARY KEY REFERENCES innovations (id),
  willing INTEGER NOT NULL DEFAULT 0,
  guides TEXT NOT NULL DEFAULT '',
  sop TEXT NOT NULL DEFAULT '',
  documents TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  costs TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL DEFAULT 0
);
-- state: requested, counter_proposed, accepted, declined, withdrawn, in_transfer, completed, abandoned.
-- mode: the transfer mode asked for; proposed_mode: the owner's counter-proposal.
CREATE TABLE replication_requests (
  id BIGINT PRIMARY KEY,
  innovation_id BIGINT NOT NULL REFERENCES innovations (id),
  origin_region_code TEXT NOT NULL,
  adopter_region_code TEXT NOT NULL,
  requester_id BIGINT NOT NULL,
  requester_about TEXT NOT NULL,
  problem TEXT NOT NULL,
  adaptation TEXT NOT NULL,
  mode TEXT NOT NULL,
  proposed_mode TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX replication_requests_innovation ON replication_requests (innovation_id, state);
CREATE INDEX replication_requests_adopter ON replication_requests (adopter_region_code, state);
CREATE INDEX replication_requests_origin ON replication_requests (origin_region_code, state);
-- The history both sides see: one row per transition (action) or step change.
CREATE TABLE replication_events (
  id BIGINT PRIMARY KEY,
  request_id BIGINT NOT NULL REFERENCES replication_requests (id),
  action TEXT NOT NULL,
  actor_id BIGINT NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL
);
CREATE INDEX replication_events_request ON replication_events (request_id, id);
-- The curator's template of transfer steps, copied into each accepted request.
CREATE TABLE replication_step_template (
  position INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  updated_at BIGINT NOT NULL DEFAULT 0,
  updated_by BIGINT NOT NULL DEFAULT 0
);
INSERT INTO replication_step_template (position, name) VALUES (1, 'Kesepakatan');
INSERT INTO replication_step_template (position, name) VALUES (2, 'Kajian dan rencana adaptasi');
INSERT INTO replication_step_template (position, name) VALUES (3, 'Alih pengetahuan');
INSERT INTO replication_step_template (position, name) VALUES (4, 'Uji coba');
INSERT INTO replication_step_template (position, name) VALUES (5, 'Adopsi');
INSERT INTO replication_step_template (position, name) VALUES (6, 'Evaluasi');
-- status: belum (not started), berjalan (in progress), selesai (done), dilewati (skipped).
CREATE TABLE replication_steps (
  id BIGINT PRIMARY KEY,
  request_id BIGINT NOT NULL REFERENCES replication_requests (id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'belum',
  start_date TEXT NOT NULL DEFAULT '',
  end_date TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0,
  updated_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX replication_steps_request ON replication_steps (request_id, position);
-- Documents of a step; the bytes live in <data>/files/<stored_name>.
CREATE TABLE replication_documents (
  id BIGINT PRIMARY KEY,
  request_id BIGINT NOT NULL REFERENCES replication_requests (id),
  step_id BIGINT NOT NULL REFERENCES replication_steps (id),
  media_type TEXT NOT NULL,
  stored_name TEXT NOT NULL,
  original_name TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX replication_documents_step ON replication_documents (step_id);
-- state: pending (recorded by the adopter, awaiting the origin), confirmed, rejected.
-- request_id: the transfer it came from (0 = recorded outside Lumbung, with evidence).
-- adopted_innovation_id: the adopter's own innovation in the repository (0 = none).
CREATE TABLE replication_adoptions (
  id BIGINT PRIMARY KEY,
  innovation_id BIGINT NOT NULL REFERENCES innovations (id),
  origin_region_code TEXT NOT NULL,
  adopter_region_code TEXT NOT NULL,
  adopted_on TEXT NOT NULL,
  request_id BIGINT NOT NULL DEFAULT 0,
  adopted_innovation_id BIGINT NOT NULL DEFAULT 0,
  evidence TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  recorded_by BIGINT NOT NULL DEFAULT 0,
  recorded_at BIGINT NOT NULL,
  decided_by BIGINT NOT NULL DEFAULT 0,
  decided_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX replication_adoptions_innovation ON replication_adoptions (innovation_id, state);
CREATE INDEX replication_adoptions_adopted ON replication_adoptions (adopted_innovation_id);
-- Hub JIPP: a province or a central agency that coaches the regions around it.
-- kind: province | agency; region_code: the province of a province hub ('' for an agency).
CREATE TABLE replication_hubs (
  id BIGINT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE replication_hub_members (
  hub_id BIGINT NOT NULL REFERENCES replication_hubs (id),
  region_code TEXT NOT NULL,
  PRIMARY KEY (hub_id, region_code)
);
CREATE TABLE replication_hub_admins (
  hub_id BIGINT NOT NULL REFERENCES replication_hubs (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  PRIMARY KEY (hub_id, user_id)
);
-- Forums and other events of a hub (Forum Replikasi Inovasi Pelayanan Publik).
-- mode: daring (online) | luring (in person) | hibrida.
CREATE TABLE replication_hub_events (
  id BIGINT PRIMARY KEY,
  hub_id BIGINT NOT NULL REFERENCES replication_hubs (id),
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  mode TEXT NOT NULL,
  agenda TEXT NOT NULL DEFAULT '',
  attendees TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX replication_hub_events_hub ON replication_hub_events (hub_id, held_on);
