-- Signed copies of consolidated reports (issue 19, the signed report, for a node's report to the
-- level above): the PDF of a node's consolidated report as its coordinator signed and uploaded
-- it, with the verdict on its signature, kept like a unit report's copies in signed_copies
-- (migration 037) with the same columns; report_version is the consolidated report's version the
-- PDF's LLW identifier names. Every upload is kept; the latest one counts. The campaign setting of
-- signed_copy_policies covers both kinds.
CREATE TABLE consolidated_signed_copies (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL,
  unit_id INTEGER NOT NULL,
  report_version INTEGER NOT NULL,
  status TEXT NOT NULL,
  signer TEXT NOT NULL DEFAULT '',
  signer_name TEXT NOT NULL DEFAULT '',
  issuer TEXT NOT NULL DEFAULT '',
  serial TEXT NOT NULL DEFAULT '',
  valid_from TEXT NOT NULL DEFAULT '',
  valid_until TEXT NOT NULL DEFAULT '',
  signed_at TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  pdf BLOB,
  uploaded_by INTEGER REFERENCES users(id),
  uploaded_at INTEGER NOT NULL,
  FOREIGN KEY (campaign_id, unit_id) REFERENCES consolidated_reports(campaign_id, unit_id) ON DELETE CASCADE
);
CREATE INDEX consolidated_signed_copies_report ON consolidated_signed_copies(campaign_id, unit_id, id);
