-- Follow-ups of the IID (issue 9) and replication (issue 8). Portable as
-- 0001: BIGINT unix seconds, TEXT, INTEGER 0/1, one statement per line.

-- Regions a curator flags as belonging to a special ranking cluster in one
-- framework year (cluster: perbatasan = border region, tertinggal = lagging
-- region); there is no official list in the data, so curators keep it.
CREATE TABLE region_cluster_flags (year INTEGER NOT NULL, region_code TEXT NOT NULL REFERENCES regions (code), cluster TEXT NOT NULL, flagged_at BIGINT NOT NULL, flagged_by BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (year, cluster, region_code));
CREATE INDEX region_cluster_flags_region ON region_cluster_flags (region_code, year);

-- Hub members that are units (an agency's work unit) rather than regions.
CREATE TABLE replication_hub_units (hub_id BIGINT NOT NULL REFERENCES replication_hubs (id), unit_id BIGINT NOT NULL REFERENCES units (id), PRIMARY KEY (hub_id, unit_id));

-- Adoptions by adopter region, for the hub pages' activity query.
CREATE INDEX replication_adoptions_adopter ON replication_adoptions (adopter_region_code, state);
CREATE INDEX replication_adoptions_origin ON replication_adoptions (origin_region_code, state);
