-- A cell row is rewritten by every batch that touches it. With the defaults, a row past 2 kB (a third of the
-- cells: provinces, busy communes) had its sketches compressed with pglz and moved to the TOAST table on every
-- write, and decompressed on every read. Sketches hardly compress (pglz saved 18 %), so they now stay in the
-- row, uncompressed, up to a row of 8160 bytes (only the nation's quarters pass it; those go out of line,
-- still uncompressed). Measured on the dev database's 61,159 cells: rewriting every sketch took 4.0 s with
-- the defaults and 2.1 s with these settings; inserting them 2.3 s and 1.5 s.
ALTER TABLE cell
    ALTER COLUMN devices_sketch SET STORAGE EXTERNAL,
    ALTER COLUMN dl_sketch SET STORAGE EXTERNAL,
    ALTER COLUMN ul_sketch SET STORAGE EXTERNAL,
    ALTER COLUMN lat_sketch SET STORAGE EXTERNAL,
    ALTER COLUMN jitter_sketch SET STORAGE EXTERNAL,
    ALTER COLUMN loss_sketch SET STORAGE EXTERNAL;
ALTER TABLE cell SET (toast_tuple_target = 8160);
