-- PostgreSQL's 040 makes changes of campaign_successors announce themselves to the other servers
-- (as 028). A SQLite file has one server and keeps nothing in memory across writes of other
-- processes, so here there is nothing to change; the number is kept so that both backends list
-- the same migrations (copy-db compares them).
SELECT 1;
