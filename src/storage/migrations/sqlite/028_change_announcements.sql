-- PostgreSQL's 028 makes every change that a server keeps in memory announce itself to the other
-- servers (LISTEN/NOTIFY). A SQLite file has one server and keeps nothing in memory across
-- writes of other processes, so here there is nothing to change; the number is kept so that both
-- backends list the same migrations (copy-db compares them).
SELECT 1;
