-- The directory's default order is (updated_at DESC, id DESC): with id in the
-- indexes the database reads a page straight from the index instead of
-- sorting every innovation that shares an update second (a batch import, the
-- demo). Each replaces the index it extends.
CREATE INDEX innovations_state_updated_id ON innovations (state, updated_at, id);
DROP INDEX innovations_state_updated;
CREATE INDEX innovations_state_region_updated ON innovations (state, region_code, updated_at, id);
DROP INDEX innovations_state_region;
CREATE INDEX innovations_state_province_updated ON innovations (state, province_code, updated_at, id);
DROP INDEX innovations_state_province;
CREATE INDEX innovations_state_sector_updated ON innovations (state, sector, updated_at, id);
DROP INDEX innovations_state_sector;
