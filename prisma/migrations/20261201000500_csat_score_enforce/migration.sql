-- Step 3 of 3: make the score mandatory and prove the range check on existing rows.
-- VALIDATE takes SHARE UPDATE EXCLUSIVE (reads and writes go on during the scan); SET NOT NULL then
-- reuses the validated IS NOT NULL check instead of scanning again under ACCESS EXCLUSIVE.
SET lock_timeout = '5s';

ALTER TABLE "CsatFeedback" VALIDATE CONSTRAINT "CsatFeedback_score_check";
ALTER TABLE "CsatFeedback" ADD CONSTRAINT "CsatFeedback_score_not_null" CHECK ("score" IS NOT NULL) NOT VALID;
ALTER TABLE "CsatFeedback" VALIDATE CONSTRAINT "CsatFeedback_score_not_null";
ALTER TABLE "CsatFeedback" ALTER COLUMN "score" SET NOT NULL;
ALTER TABLE "CsatFeedback" DROP CONSTRAINT "CsatFeedback_score_not_null";
