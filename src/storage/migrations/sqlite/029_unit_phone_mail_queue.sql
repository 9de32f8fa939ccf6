-- A unit's contact telephone beside its e-mail (the dashboard lists both for the units that have
-- not reported), and e-mails that pages ask for and `llw serve`'s mail schedule sends: a reminder
-- asked for with the dashboard's "Nhắc" button, the unit told of a return, accept or reopen. A
-- queued row is claimed like every reminder (one per campaign, unit and slot) and waits, with
-- sent_at the moment it was asked for, until the schedule sends it and clears `queued`; the
-- partial index makes the schedule's look for queued rows one small range.
ALTER TABLE units ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE reminders_sent ADD COLUMN queued INTEGER NOT NULL DEFAULT 0;
CREATE INDEX reminders_sent_queued ON reminders_sent(sent_at) WHERE queued = 1;
