-- The reviewer's word on a report: the comment of the last return or the reason of the last
-- reopen, shown at the top of the unit's form. Kept on every version too, so the history shows
-- why a report went back.
ALTER TABLE reports ADD COLUMN comment TEXT NOT NULL DEFAULT '';
ALTER TABLE report_versions ADD COLUMN comment TEXT NOT NULL DEFAULT '';
