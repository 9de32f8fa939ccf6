-- Extensions of a campaign's lock date for one unit (gia hạn), granted by the level above. A new
-- grant replaces the previous one; the audit log keeps every grant.
CREATE TABLE report_extensions (
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  until_date TEXT NOT NULL,
  granted_by INTEGER,
  granted_at INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, unit_id)
);
