-- Evidence per item of the form and in the report's history (issue 19, items 1 and 5).
-- item_key names what an attachment is evidence for: an activity key or an item key of the
-- campaign's pinned form (checked by the application), NULL for the report as a whole.
-- added_version and removed_version are the report's version when the file was attached and
-- removed: the history lists an attachment under the first version after it (attaching never
-- changes the report's figures or version). Rows attached before this migration take the last
-- version saved at or before their time.
ALTER TABLE evidence ADD COLUMN item_key TEXT;
ALTER TABLE evidence ADD COLUMN added_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE evidence ADD COLUMN removed_version INTEGER;
UPDATE evidence SET added_version = COALESCE((SELECT MAX(v.version) FROM report_versions v
  WHERE v.campaign_id = evidence.campaign_id AND v.unit_id = evidence.unit_id
  AND v.at <= evidence.added_at), 0);
UPDATE evidence SET removed_version = COALESCE((SELECT MAX(v.version) FROM report_versions v
  WHERE v.campaign_id = evidence.campaign_id AND v.unit_id = evidence.unit_id
  AND v.at <= evidence.removed_at), 0)
  WHERE removed = 1;
