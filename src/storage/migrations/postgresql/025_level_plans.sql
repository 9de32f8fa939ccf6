-- The plan at every level of a campaign (src/domain/level_plan.h): one row per edition of a
-- node's plan (1: the plan, 2…: kế hoạch điều chỉnh). A draft is rewritten with a compare-and-swap
-- on version; an issued edition is never written again, and keeps its documents as issued
-- (docx_b64, pdf_b64: the bytes, base64) so every download is byte for byte the same.
CREATE TABLE level_plans (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  edition INTEGER NOT NULL,
  version BIGINT NOT NULL,
  status TEXT NOT NULL,
  number TEXT NOT NULL DEFAULT '',
  issued_on TEXT,
  deadline TEXT NOT NULL,
  lock_date TEXT NOT NULL,
  content_json TEXT NOT NULL DEFAULT '{}',
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '',
  issued_at BIGINT,
  docx_b64 TEXT NOT NULL DEFAULT '',
  pdf_b64 TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (campaign_id, unit_id, edition)
);
CREATE INDEX level_plans_issued ON level_plans (campaign_id, status);
