-- CreateTable
CREATE TABLE "AgencyVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "n" BIGINT NOT NULL,

    CONSTRAINT "AgencyVersion_pkey" PRIMARY KEY ("id")
);

-- The plan-tree cache's version (docs/decisions/014-figures-summary.md). The count and the sum of updatedAt
-- that it replaces missed a raw UPDATE that left updatedAt as it was, and read every agency row per request;
-- this counter is moved by every statement that writes Agency, in that statement's transaction, and read as
-- one row. Agency writes are rare (administration, imports), so the one row they all update is no hot spot.
INSERT INTO "AgencyVersion" ("id", "n") VALUES (1, 1);

CREATE FUNCTION agency_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "AgencyVersion" SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END $$;

CREATE TRIGGER agency_version_write AFTER INSERT OR UPDATE OR DELETE ON "Agency"
  FOR EACH STATEMENT EXECUTE FUNCTION agency_version_bump();
CREATE TRIGGER agency_version_truncate AFTER TRUNCATE ON "Agency"
  FOR EACH STATEMENT EXECUTE FUNCTION agency_version_bump();
