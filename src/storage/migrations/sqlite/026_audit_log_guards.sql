-- The audit log stays append-only against INSERT OR REPLACE too: the REPLACE deletes the old row
-- without firing the delete trigger (SQLite fires delete triggers of a REPLACE only with
-- recursive_triggers on), so an insert that names an existing id is refused before it happens.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
