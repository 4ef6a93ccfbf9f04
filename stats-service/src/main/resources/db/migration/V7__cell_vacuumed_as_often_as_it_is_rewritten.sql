-- Every batch rewrites the cells it touches, and a rewrite that does not fit its own page goes where the
-- free-space map says there is room. Pruning frees a page's old versions, but only a vacuum tells the map, so
-- between vacuums the table extends instead: live at 2,000 tests/s it grew by about 1 GB a minute (314 MB after
-- VACUUM FULL, 6.3 GB after the five-minute e2e run), and the hot rows spread over more pages than the buffers
-- hold. The defaults vacuum a table once a fifth of it is dead, throttled, and the launcher looks once a minute.
-- This table is vacuumed after 10,000 dead rows, unthrottled; with autovacuum_naptime = 5s on the server (the dev
-- stack, k8s and bench/stats set it) it ended five-minute e2e runs at 604 and 611 MB (324 MB after VACUUM FULL),
-- against 6.3 GB without: 62 vacuums a run (stats-service/README.md).
ALTER TABLE cell SET (autovacuum_vacuum_cost_delay = 0, autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 10000);
