-- Where a node's consolidated figures come from (src/domain/campaign.h, SummarySource): 'live'
-- sums every counted unit report of the subtree; 'accepted' takes, for each child that
-- consolidates units of its own, only its accepted consolidated report (migration 008).
ALTER TABLE campaigns ADD COLUMN summary_source TEXT NOT NULL DEFAULT 'live';
