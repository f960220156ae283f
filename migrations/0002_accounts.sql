-- Accounts, sessions, invites, password resets, API tokens, the audit trail,
-- the mail outbox and rate-limit counters (src/auth). Portable: runs
-- unchanged on SQLite and PostgreSQL (see 0001_foundation.sql). Secrets are
-- never stored: only the SHA-256 hex of tokens and argon2id password hashes.

CREATE TABLE users (
  id BIGINT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- One row per (role, scope) permission of a user.
CREATE TABLE user_grants (
  user_id BIGINT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL,
  scope_kind TEXT NOT NULL,
  scope_ref TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (user_id, role, scope_kind, scope_ref)
);

CREATE INDEX user_grants_role_scope ON user_grants (role, scope_kind, scope_ref);

-- id_hash: SHA-256 hex of the cookie's raw session id.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);

CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE invites (
  id BIGINT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  scope_kind TEXT NOT NULL,
  scope_ref TEXT NOT NULL DEFAULT '',
  invited_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT NULL
);

CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT NULL
);

CREATE INDEX password_resets_user ON password_resets (user_id);

CREATE TABLE api_tokens (
  id BIGINT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  scope_kind TEXT NOT NULL,
  scope_ref TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NULL,
  revoked_at BIGINT NULL
);

-- Append-only: the application never updates or deletes these rows.
CREATE TABLE audit_log (
  id BIGINT PRIMARY KEY,
  actor_user_id BIGINT NOT NULL,
  actor_label TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL DEFAULT '',
  before_json TEXT NOT NULL DEFAULT '',
  after_json TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL
);

CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id);
CREATE INDEX audit_log_at ON audit_log (at);

-- Until mail delivery exists, messages wait here and an admin page lists them.
CREATE TABLE mail_outbox (
  id BIGINT PRIMARY KEY,
  to_email TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at BIGINT NULL
);

-- Fixed-window counters shared by all nodes: bucket "login:email:x@y", ...
CREATE TABLE rate_limits (
  bucket TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  count BIGINT NOT NULL
);
