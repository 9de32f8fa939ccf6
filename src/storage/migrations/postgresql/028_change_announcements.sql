-- Every statement that changes what a server keeps in memory announces itself on the channel
-- llw_changes (storage/postgresql/change_listener.h), so that each server drops what it kept:
-- what a signed-in page reads first (its session, its account and unit, its unread notices, the
-- campaigns and their revisions), a consolidated narrative's version (the consolidated page's
-- cache key) and the newest audit entry (the audit and unit-tree pages' key). PostgreSQL delivers
-- the notice when the transaction commits, once per transaction however many statements sent it.
CREATE FUNCTION llw_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('llw_changes', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER sessions_announce AFTER UPDATE OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION llw_announce_change();
CREATE TRIGGER users_announce AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION llw_announce_change();
CREATE TRIGGER units_announce AFTER UPDATE OR DELETE OR TRUNCATE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION llw_announce_change();
CREATE TRIGGER notifications_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON notifications
  FOR EACH STATEMENT EXECUTE FUNCTION llw_announce_change();
CREATE TRIGGER campaigns_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON campaigns
  FOR EACH STATEMENT EXECUTE FUNCTION llw_announce_change();
CREATE TRIGGER consolidated_narratives_announce
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON consolidated_narratives
  FOR EACH STATEMENT EXECUTE FUNCTION llw_announce_change();
CREATE TRIGGER audit_log_announce AFTER INSERT ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION llw_announce_change();
