-- Foundation schema. Portable rule: this file runs unchanged on SQLite and
-- PostgreSQL: ids BIGINT assigned by next_id() from id_sequences, times
-- BIGINT unix seconds, booleans INTEGER 0/1, text TEXT. One statement ends
-- with ';' at the end of a line (see store/migrate.hpp).

CREATE TABLE id_sequences (
  name TEXT PRIMARY KEY,
  next_value BIGINT NOT NULL
);

-- Every change the search index must see; tailed by id.
CREATE TABLE outbox (
  id BIGINT PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);

-- Minimal innovation record for the foundation demo; directory/ extends it.
CREATE TABLE innovations (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL DEFAULT '',
  sector TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'draft',
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE INDEX innovations_state_updated ON innovations (state, updated_at);
