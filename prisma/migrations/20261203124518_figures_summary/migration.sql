-- CreateTable
CREATE TABLE "PersonFigureKey" (
    "personId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "staffCategory" "StaffCategory" NOT NULL,
    "itRole" "ItRole" NOT NULL,
    "isHeadOfUnit" BOOLEAN NOT NULL,
    "tags" TEXT[],
    "topics" TEXT[],

    CONSTRAINT "PersonFigureKey_pkey" PRIMARY KEY ("personId")
);

-- CreateTable
CREATE TABLE "TargetCount" (
    "targetId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "audience" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,

    CONSTRAINT "TargetCount_pkey" PRIMARY KEY ("targetId","agencyId")
);

-- CreateTable
CREATE TABLE "FigureWatermark" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FigureWatermark_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Completion_validUntil_idx" ON "Completion"("validUntil");

-- Figures that do not scan (docs/decisions/014-figures-summary.md). PersonFigureKey and TargetCount are
-- derived from Person, Completion and Target by the statement-level triggers below, so every writer (the app,
-- imports, seeds, scripts, psql) keeps them in its own transaction. Setting hoc.figures_off = 'on' in a
-- transaction (db:move copies the derived rows as they are) turns the triggers off for it.

INSERT INTO "FigureWatermark" ("id", "at") VALUES (1, now());

-- Filters of a target (as figures.server.ts applies them to a person), on a key row.
CREATE FUNCTION figure_matches(k "PersonFigureKey", t "Target") RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT (cardinality(t."staffCategories") = 0 OR k."staffCategory" = ANY(t."staffCategories"))
     AND (cardinality(t."itRoles") = 0 OR k."itRole" = ANY(t."itRoles"))
     AND (NOT t."headOfUnitOnly" OR k."isHeadOfUnit")
     AND k.tags @> t.tags
$$;

-- Recomputes the keys of these people (valid topics at the watermark) and moves TargetCount by the difference.
CREATE FUNCTION figure_refresh(ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE wm timestamptz;
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  -- Lock order: the watermark (shared; figure_advance and recounts take it exclusively), then the people, so
  -- two transactions refreshing one person run one after the other and the second sees the first's rows.
  SELECT w."at" INTO wm FROM "FigureWatermark" w WHERE w."id" = 1 FOR SHARE;
  PERFORM 1 FROM "Person" p WHERE p.id = ANY(ids) ORDER BY p.id FOR NO KEY UPDATE;
  WITH who AS (SELECT DISTINCT x AS id FROM unnest(ids) x),
  held AS (
    SELECT c."personId", array_agg(DISTINCT t ORDER BY t) AS topics
    FROM "Completion" c JOIN who ON who.id = c."personId" CROSS JOIN unnest(c.topics) t
    WHERE c."validUntil" IS NULL OR c."validUntil" > wm
    GROUP BY c."personId"),
  fresh AS (
    SELECT p.id AS "personId", p."agencyId", p."staffCategory", p."itRole", p."isHeadOfUnit",
      ARRAY(SELECT DISTINCT x FROM unnest(p.tags) x ORDER BY x) AS tags, coalesce(h.topics, '{}') AS topics
    FROM "Person" p JOIN who ON who.id = p.id LEFT JOIN held h ON h."personId" = p.id
    WHERE p.active),
  -- Every part of one statement sees the rows as they were before it: `old` is the keys being replaced.
  old AS (SELECT k.* FROM "PersonFigureKey" k JOIN who ON who.id = k."personId"),
  gone AS (
    DELETE FROM "PersonFigureKey" k USING who
    WHERE k."personId" = who.id AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f."personId" = k."personId")),
  kept AS (
    INSERT INTO "PersonFigureKey" ("personId", "agencyId", "staffCategory", "itRole", "isHeadOfUnit", tags, topics)
    SELECT * FROM fresh
    ON CONFLICT ("personId") DO UPDATE SET "agencyId" = EXCLUDED."agencyId",
      "staffCategory" = EXCLUDED."staffCategory", "itRole" = EXCLUDED."itRole",
      "isHeadOfUnit" = EXCLUDED."isHeadOfUnit", tags = EXCLUDED.tags, topics = EXCLUDED.topics),
  delta AS (
    SELECT o.*, -1 AS d FROM old o
    UNION ALL SELECT f.*, 1 AS d FROM fresh f)
  INSERT INTO "TargetCount" ("targetId", "agencyId", audience, completed)
  SELECT s."targetId", s."agencyId", s.audience, s.completed FROM (
    SELECT t.id AS "targetId", x."agencyId", sum(x.d)::int AS audience,
      coalesce(sum(x.d) FILTER (WHERE x.topics && t.topics), 0)::int AS completed
    FROM delta x JOIN "Target" t
      ON (cardinality(t."staffCategories") = 0 OR x."staffCategory" = ANY(t."staffCategories"))
     AND (cardinality(t."itRoles") = 0 OR x."itRole" = ANY(t."itRoles"))
     AND (NOT t."headOfUnitOnly" OR x."isHeadOfUnit")
     AND x.tags @> t.tags
    GROUP BY t.id, x."agencyId") s
  WHERE s.audience <> 0 OR s.completed <> 0
  ORDER BY s."targetId", s."agencyId"
  ON CONFLICT ("targetId", "agencyId") DO UPDATE SET audience = "TargetCount".audience + EXCLUDED.audience,
    completed = "TargetCount".completed + EXCLUDED.completed;
END $$;

-- Recounts these targets from the keys (a target was created or its filters or topics changed).
CREATE FUNCTION figure_recount_targets(ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  -- Exclusive: no refresh runs meanwhile (one could otherwise miss a target this transaction creates).
  PERFORM 1 FROM "FigureWatermark" w WHERE w."id" = 1 FOR UPDATE;
  DELETE FROM "TargetCount" c WHERE c."targetId" = ANY(ids);
  INSERT INTO "TargetCount" ("targetId", "agencyId", audience, completed)
  SELECT t.id, k."agencyId", count(*)::int, (count(*) FILTER (WHERE k.topics && t.topics))::int
  FROM "Target" t JOIN "PersonFigureKey" k ON figure_matches(k, t)
  WHERE t.id = ANY(ids)
  GROUP BY t.id, k."agencyId";
END $$;

-- Moves the watermark forward to `upto`: the people whose completions expired in between get new keys.
CREATE FUNCTION figure_advance(upto timestamptz) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE was timestamptz; ids uuid[];
BEGIN
  SELECT w."at" INTO was FROM "FigureWatermark" w WHERE w."id" = 1 FOR UPDATE;
  IF upto <= was THEN RETURN 0; END IF;
  UPDATE "FigureWatermark" SET "at" = upto WHERE "id" = 1;
  ids := ARRAY(SELECT DISTINCT c."personId" FROM "Completion" c WHERE c."validUntil" > was AND c."validUntil" <= upto);
  PERFORM figure_refresh(ids);
  DELETE FROM "TargetCount" WHERE audience = 0 AND completed = 0;
  RETURN cardinality(ids);
END $$;

-- Rebuilds everything from scratch, exact at `at` (the backfill below; repairs; tests).
CREATE FUNCTION figure_rebuild(asof timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "FigureWatermark" w WHERE w."id" = 1 FOR UPDATE;
  UPDATE "FigureWatermark" SET "at" = asof WHERE "id" = 1;
  DELETE FROM "PersonFigureKey";
  DELETE FROM "TargetCount";
  INSERT INTO "PersonFigureKey" ("personId", "agencyId", "staffCategory", "itRole", "isHeadOfUnit", tags, topics)
  SELECT p.id, p."agencyId", p."staffCategory", p."itRole", p."isHeadOfUnit",
    ARRAY(SELECT DISTINCT x FROM unnest(p.tags) x ORDER BY x), coalesce(h.topics, '{}')
  FROM "Person" p LEFT JOIN (
    SELECT c."personId", array_agg(DISTINCT t ORDER BY t) AS topics
    FROM "Completion" c CROSS JOIN unnest(c.topics) t
    WHERE c."validUntil" IS NULL OR c."validUntil" > asof
    GROUP BY c."personId") h ON h."personId" = p.id
  WHERE p.active;
  PERFORM figure_recount_targets(ARRAY(SELECT t.id FROM "Target" t));
END $$;

CREATE FUNCTION figure_on_completion() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hoc.figures_off', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM figure_refresh(ARRAY(SELECT n."personId" FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM figure_refresh(ARRAY(SELECT o."personId" FROM old_rows o));
  ELSE
    PERFORM figure_refresh(ARRAY(
      SELECT unnest(ARRAY[o."personId", n."personId"]) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o."personId" <> n."personId" OR o.topics IS DISTINCT FROM n.topics
         OR o."validUntil" IS DISTINCT FROM n."validUntil"));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION figure_on_person() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hoc.figures_off', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM figure_refresh(ARRAY(SELECT n.id FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM figure_refresh(ARRAY(SELECT o.id FROM old_rows o));
  ELSE
    PERFORM figure_refresh(ARRAY(
      SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o."agencyId" <> n."agencyId" OR o.active <> n.active OR o."staffCategory" <> n."staffCategory"
         OR o."itRole" <> n."itRole" OR o."isHeadOfUnit" <> n."isHeadOfUnit" OR o.tags IS DISTINCT FROM n.tags));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION figure_on_target() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hoc.figures_off', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM figure_recount_targets(ARRAY(SELECT n.id FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM "TargetCount" c USING old_rows o WHERE c."targetId" = o.id;
  ELSE
    PERFORM figure_recount_targets(ARRAY(
      SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o."staffCategories" IS DISTINCT FROM n."staffCategories" OR o."itRoles" IS DISTINCT FROM n."itRoles"
         OR o."headOfUnitOnly" <> n."headOfUnitOnly" OR o.tags IS DISTINCT FROM n.tags
         OR o.topics IS DISTINCT FROM n.topics));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER figure_completion_ins AFTER INSERT ON "Completion"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_on_completion();
CREATE TRIGGER figure_completion_upd AFTER UPDATE ON "Completion"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_on_completion();
CREATE TRIGGER figure_completion_del AFTER DELETE ON "Completion"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_on_completion();
CREATE TRIGGER figure_person_ins AFTER INSERT ON "Person"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_on_person();
CREATE TRIGGER figure_person_upd AFTER UPDATE ON "Person"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_on_person();
CREATE TRIGGER figure_person_del AFTER DELETE ON "Person"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_on_person();
CREATE TRIGGER figure_target_ins AFTER INSERT ON "Target"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_on_target();
CREATE TRIGGER figure_target_upd AFTER UPDATE ON "Target"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_on_target();
CREATE TRIGGER figure_target_del AFTER DELETE ON "Target"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_on_target();

-- Backfill from the existing people, completions and targets.
SELECT figure_rebuild(now());
