-- An operator's quarter is no longer stored: it is read by merging the operator's three month cells
-- (as last12m merges twelve). The rows written before stop being updated, so they go.
DELETE FROM cell WHERE operator <> 'ALL' AND period_kind = 'QUARTER';
