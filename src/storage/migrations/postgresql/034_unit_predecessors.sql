-- Unit lineage (issue 18, year over year): the units a unit replaced ("sáp nhập từ", the 2025
-- mergers of communes). A merged commune that did not report last year is compared with the sum
-- of its predecessors' figures.
CREATE TABLE unit_predecessors (
  unit_id BIGINT NOT NULL REFERENCES units(id),
  predecessor_id BIGINT NOT NULL REFERENCES units(id),
  PRIMARY KEY (unit_id, predecessor_id),
  CHECK (unit_id <> predecessor_id)
);
