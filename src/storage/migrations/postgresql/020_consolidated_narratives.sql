-- The consolidated narrative a coordinator writes for a node (thuận lợi, khó khăn, kế hoạch tiếp
-- theo, kiến nghị), versioned like reports: every save adds a row with the next version, the
-- newest row is the current text, and (campaign, unit, version) being the key makes two racing
-- saves of the same version conflict instead of both landing.
CREATE TABLE consolidated_narratives (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  version BIGINT NOT NULL,
  texts TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT,
  PRIMARY KEY (campaign_id, unit_id, version)
);
