-- A stored form definition is a version kept forever (issue 18): the campaigns that name it read
-- it for their pages, documents and sums, so it never changes and is never removed. A different
-- definition needs an id of its own. The application checks first and says so in Vietnamese;
-- these refuse what slips past it (two servers storing a form at once), as a constraint error
-- (SQLSTATE 23000, which the store reports as a conflict).
CREATE FUNCTION forms_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a stored form definition never changes'
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER forms_keep_definition BEFORE UPDATE ON forms
  FOR EACH ROW
  WHEN (NEW.id IS DISTINCT FROM OLD.id OR NEW.definition IS DISTINCT FROM OLD.definition)
  EXECUTE FUNCTION forms_immutable();
CREATE TRIGGER forms_keep_rows BEFORE DELETE ON forms
  FOR EACH ROW EXECUTE FUNCTION forms_immutable();
CREATE TRIGGER forms_no_truncate BEFORE TRUNCATE ON forms
  FOR EACH STATEMENT EXECUTE FUNCTION forms_immutable();
