-- A commune's day is no longer a stored cell: it is read from the commune's facts (CommuneDays). Those cells
-- were 0.39 of the 0.86 cell rows the projection wrote per event (1 M facts), nearly every one a new row of
-- two or three tests, and three quarters of the cell table. One day of one commune and network is a short
-- range of this index; it is written in time order per commune, so its inserts land on a few hot pages.
CREATE INDEX fact_commune_day ON fact (boundary_set, commune_code, network, measured_at) WHERE commune_code IS NOT NULL;
DELETE FROM cell WHERE level = 'commune' AND period_kind = 'DAY';
