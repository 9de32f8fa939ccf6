-- Exports and the consolidated report's annex read every report of a subtree in path order:
-- with this index that is one range scan (campaign_id, path) instead of one per counted state.
CREATE INDEX reports_campaign_path ON reports(campaign_id, path);
