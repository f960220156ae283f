-- Outgoing mail delivery (issue 14): mail_outbox becomes a queue that a
-- background sender drains through the SMTP relay. Portable as 0001: BIGINT
-- unix seconds, TEXT, one statement per line.
-- status: queued (waiting or retrying), sent, failed (gave up).
-- attempts: SMTP attempts made; next_attempt_at: not before this time;
-- last_error: the relay's answer (or the connection error) of the last try.
-- lease_owner/lease_until: a sender that claimed the row and until when, so
-- several nodes on one database never send the same message at once.
ALTER TABLE mail_outbox ADD COLUMN status TEXT NOT NULL DEFAULT 'queued';
ALTER TABLE mail_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mail_outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE mail_outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
UPDATE mail_outbox SET status = 'sent' WHERE sent_at IS NOT NULL;
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
