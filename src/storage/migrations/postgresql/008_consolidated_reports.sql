-- Reporting up: a node's consolidated report to the level above (src/domain/consolidated_report.h).
-- One row per (campaign, node) once its coordinator first submits it; snapshot_json freezes the
-- node's summary slots and the coordinator's narrative at the last submission. Every write is a
-- compare-and-swap on version and adds a row to consolidated_report_versions, so the history of
-- submissions, returns, acceptances and reopenings is complete.
CREATE TABLE consolidated_reports (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  status TEXT NOT NULL,
  version BIGINT NOT NULL,
  snapshot_json TEXT NOT NULL DEFAULT '{}',
  submitted_at BIGINT,
  late INTEGER NOT NULL DEFAULT 0,
  comment TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  updated_by BIGINT,
  PRIMARY KEY (campaign_id, unit_id)
);

CREATE TABLE consolidated_report_versions (
  campaign_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  version BIGINT NOT NULL,
  status TEXT NOT NULL,
  action TEXT NOT NULL,
  snapshot_json TEXT NOT NULL DEFAULT '{}',
  submitted_at BIGINT,
  late INTEGER NOT NULL DEFAULT 0,
  comment TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL,
  by BIGINT,
  PRIMARY KEY (campaign_id, unit_id, version),
  FOREIGN KEY (campaign_id, unit_id) REFERENCES consolidated_reports(campaign_id, unit_id)
    ON DELETE CASCADE
);
