-- A backtest's settings and metrics were stored with Java's names (totalReturn, maxLossPerDay) and an upper-case sizing
-- (PERCENT_EQUITY), while the API names everything in snake_case and reads sizing as percent_equity. New rows are
-- written that way; this renames the keys of the rows already stored (fill_limits' own keys are limit names, already
-- snake_case) so every row reads alike.
CREATE FUNCTION pg_temp.dgas_snake_keys(j jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF jsonb_typeof(j) <> 'object' THEN
        RETURN j;
    END IF;
    RETURN coalesce(
        (SELECT jsonb_object_agg(lower(regexp_replace(k, '([a-z0-9])([A-Z])', '\1_\2', 'g')), pg_temp.dgas_snake_keys(v))
           FROM jsonb_each(j) AS e(k, v)),
        '{}'::jsonb);
END
$$;

UPDATE backtests b
   SET settings = CASE
                      WHEN n.s #>> '{rules,sizing}' IS NULL THEN n.s
                      ELSE jsonb_set(n.s, '{rules,sizing}', to_jsonb(lower(n.s #>> '{rules,sizing}')))
                  END,
       metrics = n.m
  FROM (SELECT id, pg_temp.dgas_snake_keys(settings) AS s, pg_temp.dgas_snake_keys(metrics) AS m FROM backtests) n
 WHERE n.id = b.id;

DROP FUNCTION pg_temp.dgas_snake_keys(jsonb);
