-- AlterTable
ALTER TABLE "FigureWatermark" ADD COLUMN     "changesFrom" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "TargetCountChange" (
    "xact" BIGINT NOT NULL,
    "agencyId" UUID NOT NULL,

    CONSTRAINT "TargetCountChange_pkey" PRIMARY KEY ("xact","agencyId")
);

-- Live figures keep TargetCount per process and re-read only what changed (docs/decisions/014-figures-summary.md).
-- Every statement that writes TargetCount (the summary triggers, figure_advance, figure_rebuild, psql) records
-- (its transaction's xid8, agency) here in its own transaction: a reader holding TargetCount as of snapshot S
-- re-reads the agencies of the rows whose xact S did not see (pg_visible_in_snapshot), in the same statement
-- (one snapshot) as it reads their new counts. The rows are inserted, never updated: concurrent writers take
-- no common lock (two transactions never share a key). Like the summary triggers, off with hoc.figures_off
-- (db:move copies these rows as they are, into a database no process has read yet).
CREATE FUNCTION target_count_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hoc.figures_off', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "TargetCountChange" (xact, "agencyId")
    SELECT DISTINCT pg_current_xact_id()::text::bigint, r."agencyId" FROM new_rows r
    ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO "TargetCountChange" (xact, "agencyId")
    SELECT DISTINCT pg_current_xact_id()::text::bigint, r."agencyId" FROM old_rows r
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

-- A TRUNCATE names no agencies: every snapshot that may not have seen it reads TargetCount whole.
CREATE FUNCTION target_count_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hoc.figures_off', true) = 'on' THEN RETURN NULL; END IF;
  UPDATE "FigureWatermark" SET "changesFrom" = greatest("changesFrom", pg_current_xact_id()::text::bigint + 1)
  WHERE "id" = 1;
  RETURN NULL;
END $$;

-- Drops the rows of transactions every current snapshot has seen, and says so in changesFrom (a snapshot
-- with a lower xmin may miss a dropped row, so its reader reads whole). Returns the rows dropped.
CREATE FUNCTION figure_changes_prune() RETURNS int
LANGUAGE plpgsql AS $$
DECLARE horizon bigint := pg_snapshot_xmin(pg_current_snapshot())::text::bigint; n int;
BEGIN
  UPDATE "FigureWatermark" SET "changesFrom" = greatest("changesFrom", horizon) WHERE "id" = 1;
  DELETE FROM "TargetCountChange" WHERE xact < horizon;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;

CREATE TRIGGER target_count_change_ins AFTER INSERT ON "TargetCount"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION target_count_changed();
CREATE TRIGGER target_count_change_upd AFTER UPDATE ON "TargetCount"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION target_count_changed();
CREATE TRIGGER target_count_change_del AFTER DELETE ON "TargetCount"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION target_count_changed();
CREATE TRIGGER target_count_change_truncate AFTER TRUNCATE ON "TargetCount"
  FOR EACH STATEMENT EXECUTE FUNCTION target_count_truncated();
