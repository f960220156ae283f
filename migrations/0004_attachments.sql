-- Attachments of an innovation (issue 4): photos (JPEG, PNG, WebP) and PDF
-- documents. The bytes live in <data>/files/<stored_name>, never under the
-- uploader's file name, which is kept (sanitised) for display only. Portable as
-- 0001: BIGINT ids from next_id(), BIGINT unix seconds, INTEGER 0/1, TEXT.
-- Removing an attachment marks it (deleted_at) and keeps the row for the audit.
CREATE TABLE innovation_attachments (
  id BIGINT PRIMARY KEY,
  innovation_id BIGINT NOT NULL REFERENCES innovations (id),
  kind TEXT NOT NULL,
  media_type TEXT NOT NULL,
  stored_name TEXT NOT NULL,
  thumb_name TEXT NOT NULL DEFAULT '',
  original_name TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL DEFAULT 0,
  deleted_at BIGINT NOT NULL DEFAULT 0,
  deleted_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX innovation_attachments_innovation ON innovation_attachments (innovation_id, deleted_at);
