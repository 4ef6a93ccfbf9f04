-- A district's and a province's day are no longer stored cells either: they are read from the facts (UnitDays),
-- as a commune's day is since V5; only the nation's days stay cells. A batch holds tests of every recent day, so
-- nearly every batch rewrote every province's and most districts' day cells: live at 2,000 tests/s, 400,000 of
-- the 1.68 M rows written in 120 s, and 0.95 of the 3.04 GB. One day of one unit and network is a short range of
-- the index of its level. On a large fact table the two index builds take a while and hold back the facts inserts meanwhile.
CREATE INDEX fact_district_day ON fact (boundary_set, district_code, network, measured_at) WHERE district_code IS NOT NULL;
CREATE INDEX fact_province_day ON fact (boundary_set, province_code, network, measured_at);
DELETE FROM cell WHERE level IN ('district', 'province') AND period_kind = 'DAY';
