-- An account whose password an administrator set (a new account, a reset) must choose its own
-- password at the next sign-in; changing it clears the flag.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
