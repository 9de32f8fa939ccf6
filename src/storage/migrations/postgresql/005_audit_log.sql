-- The audit log (nhật ký hoạt động), append-only: every write and every sign-in, with who, when,
-- from where and what. No statement of the application updates or deletes a row; the trigger
-- makes that a fact of the database too.
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  at BIGINT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  -- The unit the entry concerns, and a copy of its path so a coordinator's subtree is one range.
  unit_id BIGINT,
  unit_path TEXT COLLATE "C" NOT NULL DEFAULT '',
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT 'ok'
);
CREATE INDEX audit_log_path_at ON audit_log(unit_path, at);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
