-- In-app notifications (thông báo): one row per coordinator of a unit above a unit that
-- submitted, inserted in the submit's own transaction. read_at stays NULL until the coordinator
-- marks it read; the partial index makes the navigation's unread count one small range.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  kind TEXT NOT NULL,
  version INTEGER NOT NULL,
  at INTEGER NOT NULL,
  read_at INTEGER
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
