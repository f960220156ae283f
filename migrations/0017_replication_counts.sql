-- Follow-ups of replication (issue 8). Portable as 0001: BIGINT, TEXT, one
-- statement per line.

-- IID indicator 31 of each innovation kept next to it, so the directory can
-- sort by it: how many different regions replicated the innovation (confirmed
-- adoptions, the origin region never counts). The replication service writes
-- it (replication::count_adopting_regions) in the transaction of every
-- adoption change, and counts every innovation afresh when the database is
-- opened for migration (cli/wiring.cpp), which fills it the first time.
ALTER TABLE innovations ADD COLUMN replicated_regions BIGINT NOT NULL DEFAULT 0;
CREATE INDEX innovations_state_replicated ON innovations (state, replicated_regions DESC, name, id);
