-- A coverage event is stored as it came: no length limit can turn a valid event into a database
-- error (which the consumer retries rather than dead-letters, and would block its partition).
ALTER TABLE coverage_event
    ALTER COLUMN event_key TYPE text,
    ALTER COLUMN boundary_set TYPE text,
    ALTER COLUMN unit_code TYPE text,
    ALTER COLUMN unit_name TYPE text,
    ALTER COLUMN level TYPE text,
    ALTER COLUMN province_code TYPE text,
    ALTER COLUMN network TYPE text,
    ALTER COLUMN period TYPE text,
    ALTER COLUMN previous TYPE text,
    ALTER COLUMN status TYPE text,
    ALTER COLUMN batch_key TYPE text;
ALTER TABLE delivery
    ALTER COLUMN event_key TYPE text,
    ALTER COLUMN province_code TYPE text,
    ALTER COLUMN boundary_set TYPE text;
