-- Evidence ("minh chứng", issue 19): files attached to a unit's report. Files are
-- content-addressed: evidence_files holds each distinct upload once, keyed by the SHA-256 of the
-- uploaded bytes (lowercase hex), with what is served (a photo re-encoded to at most 1,600 px
-- without its metadata; a PDF, DOCX or XLSX as uploaded) and a photo's 320 px thumbnail. An
-- evidence row attaches a file to a report with its caption, sanitized original name, kind and a
-- photo's date taken (EXIF DateTimeOriginal, 'YYYY-MM-DD HH:MM:SS'); a removal keeps the row
-- (removed = 1) for the history.
CREATE TABLE evidence_files (
  sha256 TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  content BYTEA NOT NULL,
  thumbnail BYTEA,
  created_at BIGINT NOT NULL
);
CREATE TABLE evidence (
  id BIGSERIAL PRIMARY KEY,
  campaign_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  file_sha256 TEXT NOT NULL REFERENCES evidence_files(sha256),
  caption TEXT NOT NULL DEFAULT '',
  original_name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  taken_at TEXT,
  added_by BIGINT REFERENCES users(id),
  added_at BIGINT NOT NULL,
  removed INTEGER NOT NULL DEFAULT 0,
  removed_by BIGINT REFERENCES users(id),
  removed_at BIGINT,
  FOREIGN KEY (campaign_id, unit_id) REFERENCES reports(campaign_id, unit_id) ON DELETE CASCADE
);
CREATE INDEX evidence_report ON evidence(campaign_id, unit_id, removed);
CREATE INDEX evidence_file ON evidence(file_sha256);
