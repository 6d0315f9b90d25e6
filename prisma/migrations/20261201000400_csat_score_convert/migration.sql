-- Step 2 of 3: convert every legacy label to a 1-5 score with the API's rules (case and surrounding
-- whitespace ignored, synonyms, integer strings). Nothing is guessed: if any rating cannot be
-- converted the migration fails, names each value with its row count, and rolls back entirely.
-- Locks: ROW EXCLUSIVE (reads and inserts go on); about 20 s per million rows.
DO $$
DECLARE
    unconvertible TEXT;
BEGIN
    UPDATE "CsatFeedback"
    SET "score" = CASE lower(btrim("rating", E' \t\r\n'))
        WHEN 'terrible' THEN 1 WHEN 'awful' THEN 1
        WHEN 'bad' THEN 2 WHEN 'poor' THEN 2
        WHEN 'okay' THEN 3 WHEN 'ok' THEN 3 WHEN 'neutral' THEN 3
        WHEN 'good' THEN 4
        WHEN 'great' THEN 5 WHEN 'excellent' THEN 5 WHEN 'amazing' THEN 5
        ELSE CASE WHEN btrim("rating", E' \t\r\n') ~ '^[1-5](\.0+)?$'
                  THEN substr(btrim("rating", E' \t\r\n'), 1, 1)::INTEGER END
    END
    WHERE "score" IS NULL;

    SELECT string_agg(format('%L (%s rows)', "rating", n), ', ' ORDER BY "rating")
    INTO unconvertible
    FROM (SELECT "rating", count(*) AS n FROM "CsatFeedback" WHERE "score" IS NULL GROUP BY "rating") AS bad;

    IF unconvertible IS NOT NULL THEN
        RAISE EXCEPTION 'CsatFeedback.rating holds values that cannot be converted to a 1-5 score: %', unconvertible
            USING HINT = 'Fix or map those rows (UPDATE "CsatFeedback" SET "rating" = ... WHERE "rating" = ...), then run prisma migrate resolve --rolled-back 20261201000400_csat_score_convert and prisma migrate deploy again.';
    END IF;
END $$;
