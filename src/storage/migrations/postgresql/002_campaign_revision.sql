-- A counter bumped by every write that changes what a summary of the campaign shows (counted
-- reports, their texts, reporting units, rebuilt aggregates). Servers cache summaries by it:
-- checking it is one primary-key read, so a cached summary costs about as much as a trivial GET.
ALTER TABLE campaigns ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
