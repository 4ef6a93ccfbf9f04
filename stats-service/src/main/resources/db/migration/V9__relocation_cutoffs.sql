-- When a boundary set is re-located (geo-service replays the whole log through new or corrected boundary data), the
-- events of that set located before the relocation started are superseded: the projection and every rebuild skip them,
-- so a test counts where the new data places it. One row per set, written by POST /api/v1/ops/rebuild?set=&locatedSince=.
-- State the service owns, not a projection: a rebuild keeps it.
CREATE TABLE relocation_cutoff (
    boundary_set  text        PRIMARY KEY,
    located_since timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL
);
