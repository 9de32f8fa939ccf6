-- Next year from this year (issue 18): a campaign started from last year's campaign names it
-- here. A campaign is started into the next year once: the primary key refuses a second one even
-- when two requests race, and year-over-year figures find last year's campaign through it.
CREATE TABLE campaign_successors (
  previous_campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
  campaign_id INTEGER NOT NULL UNIQUE REFERENCES campaigns(id) ON DELETE CASCADE
);
