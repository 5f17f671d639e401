-- Alerts on the trading ledger (issue 14): rules that fire on paper fills and on risk-limit breaches.
ALTER TABLE alert_rules DROP CONSTRAINT alert_rules_type_check;
ALTER TABLE alert_rules ADD CONSTRAINT alert_rules_type_check
    CHECK (rule_type IN ('threshold', 'crossover', 'percent_change', 'volume_spike', 'signal', 'fill', 'limit_breach'));
