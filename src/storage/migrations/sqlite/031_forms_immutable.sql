-- A stored form definition is a version kept forever (issue 18): the campaigns that name it read
-- it for their pages, documents and sums, so it never changes and is never removed. A different
-- definition needs an id of its own. The application checks first and says so in Vietnamese;
-- these refuse what slips past it (two servers storing a form at once), as a constraint error.
-- INSERT OR REPLACE deletes the old row, so the delete guard covers it as well (see 026).
CREATE TRIGGER forms_keep_definition BEFORE UPDATE ON forms
WHEN NEW.id IS NOT OLD.id OR NEW.definition IS NOT OLD.definition
BEGIN
  SELECT RAISE(ABORT, 'a stored form definition never changes');
END;
CREATE TRIGGER forms_keep_rows BEFORE DELETE ON forms
BEGIN
  SELECT RAISE(ABORT, 'a stored form definition is never removed');
END;
CREATE TRIGGER forms_no_replace BEFORE INSERT ON forms
WHEN EXISTS (SELECT 1 FROM forms WHERE id = NEW.id AND definition IS NOT NEW.definition)
BEGIN
  SELECT RAISE(ABORT, 'a stored form definition never changes');
END;
