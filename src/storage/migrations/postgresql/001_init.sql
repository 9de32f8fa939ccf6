-- The initial LLW schema for PostgreSQL 15: the same tables, columns and indexes as
-- migrations/sqlite/001_init.sql (the shared SQL in sql/sql_store.cpp runs on both), with
-- PostgreSQL's types. Applied once, inside a transaction, by the migration runner
-- (src/storage/postgresql/postgres_store.cpp), which records it in schema_migrations.
--
-- Materialized paths are compared as bytes: COLLATE "C" makes '/1/17/' < '/1/170' hold and lets
-- the btree indexes serve the range scans whatever the database's default collation is.
-- JSON stays TEXT: the store reads and writes whole documents and never queries inside them.

-- Org units with a materialized path ("/1/17/342/"): a subtree is one index range on `path`.
-- Ids come from units_id_seq in blocks (the store writes a unit's path, which ends with its own
-- id, in the same INSERT).
CREATE TABLE units (
  id BIGSERIAL PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  level TEXT NOT NULL DEFAULT 'none',
  parent_id BIGINT REFERENCES units(id),
  path TEXT COLLATE "C" NOT NULL,
  population_json TEXT NOT NULL DEFAULT '{}',
  email TEXT NOT NULL DEFAULT ''
);
CREATE INDEX units_path ON units(path);
CREATE INDEX units_parent_name ON units(parent_id, name);

CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_id BIGINT REFERENCES units(id),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX users_unit ON users(unit_id);

-- Only the hash of a session token is stored; a stolen database opens no session.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE login_attempts (
  id BIGSERIAL PRIMARY KEY,
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  success INTEGER NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_attempts_username ON login_attempts(username, success, at);
CREATE INDEX login_attempts_address ON login_attempts(address, success, at);

-- Form definitions as JSON text, so a campaign keeps its form after the forms/ file changes.
CREATE TABLE forms (
  id TEXT PRIMARY KEY,
  definition TEXT NOT NULL
);

-- form_id is deliberately not a foreign key: a campaign may name a form that is loaded from
-- forms/ and stored with put_form afterwards.
CREATE TABLE campaigns (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  year INTEGER NOT NULL,
  issuer_unit_id BIGINT NOT NULL REFERENCES units(id),
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  deadline TEXT NOT NULL,
  lock_date TEXT NOT NULL,
  reporting_kinds TEXT NOT NULL DEFAULT '[]',
  counted_states TEXT NOT NULL DEFAULT '[]',
  plan_json TEXT NOT NULL DEFAULT '{}',
  form_id TEXT NOT NULL DEFAULT ''
);

-- The current state of every report a campaign expects. `path` copies the unit's path and
-- `counted` caches "status is one of the campaign's counted states" so that the units still
-- missing in a subtree are one range of the (campaign_id, counted, path) index.
CREATE TABLE reports (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  path TEXT COLLATE "C" NOT NULL,
  status TEXT NOT NULL,
  version BIGINT NOT NULL,
  values_json TEXT NOT NULL DEFAULT '{}',
  submitted_at BIGINT,
  late INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0,
  updated_by BIGINT,
  counted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, unit_id)
);
CREATE INDEX reports_counted_path ON reports(campaign_id, counted, path);

-- Every saved version of every report (the history and audit trail: who, when, what).
CREATE TABLE report_versions (
  campaign_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  version BIGINT NOT NULL,
  status TEXT NOT NULL,
  values_json TEXT NOT NULL,
  action TEXT NOT NULL,
  at BIGINT NOT NULL,
  by BIGINT,
  PRIMARY KEY (campaign_id, unit_id, version),
  FOREIGN KEY (campaign_id, unit_id) REFERENCES reports(campaign_id, unit_id) ON DELETE CASCADE
);

-- The sum of the contributions of every report in a node's subtree, one row per node that has
-- reporting units below it. A summary reads this one row instead of the subtree's values.
-- reporting_units, counted_units and narrative_counts_json are the store's own counters (units
-- that must report, units in a counted state, narrative texts per part) so that the totals of
-- missing_units and narratives need no scan either. Writers lock a row (SELECT … FOR UPDATE)
-- before adding their delta, so the servers sharing the database never lose one.
CREATE TABLE aggregates (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL,
  slots_json TEXT NOT NULL DEFAULT '{}',
  reporting_units BIGINT NOT NULL DEFAULT 0,
  counted_units BIGINT NOT NULL DEFAULT 0,
  narrative_counts_json TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (campaign_id, unit_id)
);

-- Narrative texts (thuận lợi, khó khăn, …) of counted reports, with the unit's code and name
-- copied so that listing a subtree's texts for one part is one index range without joins.
CREATE TABLE report_narratives (
  campaign_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  part TEXT NOT NULL,
  path TEXT COLLATE "C" NOT NULL,
  unit_code TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (campaign_id, unit_id, part),
  FOREIGN KEY (campaign_id, unit_id) REFERENCES reports(campaign_id, unit_id) ON DELETE CASCADE
);
CREATE INDEX report_narratives_part_path ON report_narratives(campaign_id, part, path);
