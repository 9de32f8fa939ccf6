-- The audit log stays append-only against TRUNCATE too (row and statement triggers of UPDATE and
-- DELETE do not fire for it). INSERT … ON CONFLICT DO UPDATE already meets the update trigger.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
