-- A row version, bumped by every write of a cell, so the projection can keep the decoded state of its
-- busiest cells (nation, provinces, districts) between batches and reuse it while the version it read
-- under its row lock is the one it wrote last, instead of reading and decoding their sketches every batch.
ALTER TABLE cell ADD COLUMN version bigint NOT NULL DEFAULT 0;
