-- AlterTable
ALTER TABLE "CourseVersion" ADD COLUMN     "citations" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "recertify" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "recertifyReason" TEXT,
ADD COLUMN     "reviewedAt" DATE;

-- AlterTable
ALTER TABLE "Lesson" ADD COLUMN     "citations" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Question" ADD COLUMN     "whys" TEXT[] DEFAULT ARRAY[]::TEXT[];
