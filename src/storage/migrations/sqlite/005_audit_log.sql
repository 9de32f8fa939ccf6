-- The audit log (nhật ký hoạt động), append-only: every write and every sign-in, with who, when,
-- from where and what. No statement of the application updates or deletes a row; the triggers
-- make that a fact of the database too.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER,
  username TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  -- The unit the entry concerns, and a copy of its path so a coordinator's subtree is one range.
  unit_id INTEGER,
  unit_path TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT 'ok'
);
CREATE INDEX audit_log_path_at ON audit_log(unit_path, at);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
