-- The photos a node's coordinator picked from its gallery for the annex of the node's
-- consolidated report ("Phụ lục: Hình ảnh minh chứng", issue 19). A row is the pick; dropping the
-- pick deletes it (the audit log keeps both).
-- The gallery reads a subtree's photos through reports(campaign_id, path) and evidence_report.
CREATE TABLE evidence_annex (
  campaign_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  evidence_id BIGINT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
  added_by BIGINT REFERENCES users(id),
  added_at BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, unit_id, evidence_id)
);
