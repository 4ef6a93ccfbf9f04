-- The projection's cost was mostly index maintenance: every new cell went into the primary key and two
-- five-column secondary indexes in the database's default collation. One index now serves both the
-- children of a unit (all at one level under one parent) and a whole level (the coverage report), and its
-- columns compare in the C collation (byte order; the codes and labels are ASCII), which is cheaper.
DROP INDEX IF EXISTS cell_by_parent;
DROP INDEX IF EXISTS cell_by_level;
ALTER TABLE cell
    ALTER COLUMN boundary_set TYPE text COLLATE "C",
    ALTER COLUMN period TYPE text COLLATE "C",
    ALTER COLUMN network TYPE text COLLATE "C",
    ALTER COLUMN operator TYPE text COLLATE "C",
    ALTER COLUMN level TYPE text COLLATE "C",
    ALTER COLUMN parent_code TYPE text COLLATE "C";
CREATE INDEX cell_by_level ON cell (boundary_set, period, network, operator, level, parent_code);
