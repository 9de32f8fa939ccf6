-- A campaign's link to last year's (campaign_successors) is kept in memory too: every summary,
-- dashboard and consolidated page asks for it (year over year, issue 18). Its changes announce
-- themselves on llw_changes like those of 028, so every server drops what it kept.
CREATE TRIGGER campaign_successors_announce
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON campaign_successors
  FOR EACH STATEMENT EXECUTE FUNCTION llw_announce_change();
