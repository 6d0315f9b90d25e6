-- order_link_target(n): the order number a widget row claiming order n links to, or NULL.
-- It first takes the transaction-scoped advisory lock the orders API takes before linking claims
-- (lockOrderNumbers in src/database/transaction.ts: namespace 7301, 1,024 buckets), and only then
-- looks the order up. A VOLATILE plpgsql function takes a fresh snapshot for that query, so a
-- widget INSERT calling it in one autocommitted statement sees an order committed while it waited,
-- and the orders API, linking after the lock, sees every widget row committed before it. One round
-- trip instead of BEGIN, lock, INSERT, COMMIT.
-- Locks: none taken by the migration itself (a new function).
CREATE OR REPLACE FUNCTION order_link_target(claimed TEXT) RETURNS TEXT
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF claimed IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(7301, abs(hashtext(claimed) % 1024));
    RETURN (SELECT "orderNumber" FROM "Order" WHERE "orderNumber" = claimed);
END
$$;
