-- Signed copies (issue 19, the signed report): the PDF of a unit's report as the unit signed and
-- uploaded it, with the verdict on its signature (status 'valid', 'untrusted' or 'invalid'; files
-- that fail before the certificate is judged are refused, not kept), the certificate's names and
-- dates, and the report version the PDF's LLW identifier names. Every upload is kept; the latest
-- one of a report counts. signed_copy_policies holds the campaigns that require a valid signed
-- copy before a report is accepted.
CREATE TABLE signed_copies (
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
  FOREIGN KEY (campaign_id, unit_id) REFERENCES reports(campaign_id, unit_id) ON DELETE CASCADE
);
CREATE INDEX signed_copies_report ON signed_copies(campaign_id, unit_id, id);
CREATE TABLE signed_copy_policies (
  campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
  required INTEGER NOT NULL DEFAULT 0
);
