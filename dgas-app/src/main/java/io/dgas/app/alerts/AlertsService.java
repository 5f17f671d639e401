package io.dgas.app.alerts;

import io.dgas.app.service.BadInputException;
import io.dgas.app.service.NotFoundException;
import io.dgas.app.service.Page;
import io.dgas.store.Database;
import io.dgas.store.alerts.AlertLogEntry;
import io.dgas.store.alerts.AlertReads;
import io.dgas.store.alerts.AlertRepository;
import io.dgas.store.alerts.AlertRule;
import io.dgas.store.alerts.InvalidRuleException;
import io.dgas.store.bars.KnownSymbols;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RegionSpec;
import java.time.Instant;
import java.util.List;

/**
 * Alert rules (list, one, create, update, delete) and the alert log with delivery status: what {@code dgas alerts}
 * and {@code /api/v1/alerts/…} both call. Reads go through the {@code dashboard} query cache under {@code alerts:…};
 * every write here, and every evaluation or delivery ({@link #changed}), drops them.
 */
public final class AlertsService {
    private final Database db;
    private final AlertRepository repo;
    private final AlertReads reads;
    private final QueryCache cache;

    public AlertsService(Database db, QueryCache cache) {
        this.db = db;
        this.repo = new AlertRepository(db);
        this.reads = new AlertReads(db);
        this.cache = cache;
    }

    /** Every rule, active or not, by id. */
    public Page<AlertRule> rules(int limit, int offset) {
        return cache.get(
                RegionSpec.DASHBOARD,
                "alerts:rules:" + limit + ":" + offset,
                () -> Page.of(reads.rules(limit + 1, offset), limit, offset));
    }

    /** The rule {@code id}; {@link NotFoundException} when there is none. */
    public AlertRule rule(long id) {
        return reads.rule(id).orElseThrow(() -> notFound(id));
    }

    /** Validates and stores a new rule; returns it as stored. */
    public AlertRule create(RuleInput in) {
        AlertRule r = RuleSpec.parse(in);
        long id;
        try {
            id = repo.add(r);
        } catch (InvalidRuleException e) {
            throw bad(e);
        }
        changed();
        return rule(id);
    }

    /** Changes the fields {@code in} gives of rule {@code id} (the others stay); returns it as stored. */
    public AlertRule update(long id, RuleInput in) {
        AlertRule r = RuleSpec.parse(in.over(rule(id)));
        try {
            if (!repo.update(id, r)) {
                throw notFound(id);
            }
        } catch (InvalidRuleException e) {
            throw bad(e);
        }
        changed();
        return rule(id);
    }

    /**
     * Deletes rule {@code id}; one with log entries is deactivated instead, as its log is audit history. Returns
     * {@code removed} or {@code deactivated}; {@link NotFoundException} when there is no such rule.
     */
    public String delete(long id) {
        String what = repo.remove(id);
        if (what.equals("not found")) {
            throw notFound(id);
        }
        changed();
        return what;
    }

    /**
     * {@link #delete} by name or id, as the command line names rules.
     *
     * @throws NotFoundException naming {@code rule} when no rule has that name or id
     */
    public String remove(String nameOrId) {
        return delete(ruleId(nameOrId));
    }

    /**
     * The alert log, newest first, with delivery status.
     *
     * @param rule a rule id or name, or null for all; unknown: {@link NotFoundException}
     * @param symbol a ticker, or null; unknown: {@link io.dgas.store.bars.UnknownSymbolException}
     * @param since entries at or after, or null
     */
    public Page<AlertLogEntry> log(String rule, String symbol, Instant since, int limit, int offset) {
        Long ruleId = rule == null ? null : ruleId(rule);
        AlertReads.LogQuery q = new AlertReads.LogQuery(ruleId, symbol, since, limit + 1, offset);
        Page<AlertLogEntry> page =
                cache.get(RegionSpec.DASHBOARD, "alerts:log:" + q.key(), () -> Page.of(reads.log(q), limit, offset));
        if (page.items().isEmpty() && symbol != null) {
            KnownSymbols.require(db, List.of(symbol));
        }
        return page;
    }

    /** Drops the cached rules and log: called after every write and after alerts were evaluated or delivered. */
    public void changed() {
        cache.invalidate("alerts:*");
    }

    private Long ruleId(String rule) {
        if (rule.matches("[0-9]{1,18}")) {
            long id = Long.parseLong(rule);
            if (reads.rule(id).isPresent()) {
                return id;
            }
        }
        return reads.ruleId(rule).orElseThrow(() -> new NotFoundException("rule", rule, "unknown rule '" + rule + "'"));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("id", Long.toString(id), "unknown alert rule " + id);
    }

    private static BadInputException bad(InvalidRuleException e) {
        return new BadInputException(
                e.field() == null ? "body" : e.field(),
                e.value(),
                e.getMessage(),
                List.of(e.field() != null && e.field().startsWith("symbol") ? "a stored ticker" : "a unique name"));
    }
}
