-- The audit page counts the entries its filters match ("Trang 3/12") and filters by account or
-- action inside a subtree. Each index holds the other filters' columns, so a count reads one index
-- range and never the table (an account's entries in the whole country: 84 of 250,000, at once
-- instead of seconds), and a page of one account's entries is found without reading the others.
CREATE INDEX audit_log_user_path_at ON audit_log(username, unit_path, at);
CREATE INDEX audit_log_action_path_at ON audit_log(action, unit_path, at);
