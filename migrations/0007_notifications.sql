-- Notifications (issue 14): the in-app inbox, per-category mail settings,
-- digests and deadline reminders. Portable as 0001: BIGINT unix seconds,
-- TEXT, one statement per line.
--
-- notifications: one row per recipient and event. event names the catalogue
-- text "notify.<event>"; params_json fills its placeholders, so the text is
-- rendered in the reader's language when shown or mailed. group_key and
-- group_label order and head digests ("lab:12", "Labinov Beken 2025").
-- mail_state: pending (not yet looked at by the mailer), mailed (sent on its
-- own), digest (waits for the next daily or weekly digest), digested (went
-- out in one), skipped (the category is off or the user has no address).
CREATE TABLE notifications (
  id BIGINT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  category TEXT NOT NULL,
  event TEXT NOT NULL,
  params_json TEXT NOT NULL,
  link TEXT NOT NULL,
  group_key TEXT NOT NULL,
  group_label TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT NULL,
  mail_state TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, read_at);
CREATE INDEX notifications_mail ON notifications (mail_state, user_id);

-- How a user wants mail per category: immediately, daily, weekly or off.
-- A category without a row is mailed immediately.
CREATE TABLE notification_settings (
  user_id BIGINT NOT NULL REFERENCES users (id),
  category TEXT NOT NULL,
  frequency TEXT NOT NULL,
  PRIMARY KEY (user_id, category)
);

-- The secret of a user's unsubscribe links (hex, 64 characters), made when
-- the first notification mail is written.
CREATE TABLE notification_keys (
  user_id BIGINT PRIMARY KEY REFERENCES users (id),
  secret TEXT NOT NULL
);

-- Digest runs that happened ("daily:2026-11-24", "weekly:2026-W48"), so
-- several nodes never send the same digest twice.
CREATE TABLE notification_digest_runs (
  run_key TEXT PRIMARY KEY,
  started_at BIGINT NOT NULL
);

-- Deadline reminders already sent: one per deadline, offset and recipient.
CREATE TABLE notification_reminders (
  deadline_key TEXT NOT NULL,
  offset_seconds BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (deadline_key, offset_seconds, user_id)
);

-- The language a user reads mail in (id or en); set from the site language
-- they last chose while logged in.
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'id';

-- Mail with an HTML part and a one-click unsubscribe address (RFC 8058).
ALTER TABLE mail_outbox ADD COLUMN body_html TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN unsubscribe_url TEXT NOT NULL DEFAULT '';
