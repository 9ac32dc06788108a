-- AlterTable
ALTER TABLE "AssignmentMember" ADD COLUMN     "notifiedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lastLoginAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "AssignmentMember_notifiedAt_idx" ON "AssignmentMember"("notifiedAt");

-- Existing members were assigned before the digest existed: do not announce old assignments all at once.
UPDATE "AssignmentMember" SET "notifiedAt" = "assignedAt" WHERE "notifiedAt" IS NULL;

-- Anyone with a session on record has signed in.
UPDATE "User" u SET "lastLoginAt" = s.last FROM (
  SELECT "userId", max("createdAt") AS last FROM "Session" GROUP BY "userId"
) s WHERE s."userId" = u.id;
