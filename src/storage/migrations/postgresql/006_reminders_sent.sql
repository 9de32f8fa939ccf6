-- Reminder e-mails, one row per (campaign, unit, slot) claimed before sending and removed again
-- when the send fails: the primary key makes each slot go out at most once, across restarts and
-- across servers sharing the database.
CREATE TABLE reminders_sent (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  slot TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, unit_id, slot)
);
