-- Step 1 of 3 towards an integer CSAT score: a nullable column and a range check that new rows
-- obey at once. NOT VALID: existing rows are checked later without blocking writes.
-- Locks: ACCESS EXCLUSIVE for milliseconds (catalog-only change); gives up after 5 s of waiting.
SET lock_timeout = '5s';

ALTER TABLE "CsatFeedback" ADD COLUMN "score" INTEGER;
ALTER TABLE "CsatFeedback" ADD CONSTRAINT "CsatFeedback_score_check" CHECK ("score" BETWEEN 1 AND 5) NOT VALID;
