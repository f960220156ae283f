-- Pairs marked "related" are shown on both profiles: find a record's pairs
-- from its right side too (the primary key serves the left side).
CREATE INDEX duplicate_pairs_right ON duplicate_pairs (right_id, decision);
