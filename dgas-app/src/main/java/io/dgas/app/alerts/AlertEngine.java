package io.dgas.app.alerts;

import io.dgas.calc.drummond.Signal;
import io.dgas.domain.Timeframe;
import io.dgas.store.alerts.AlertEvent;
import io.dgas.store.alerts.AlertRepository;
import io.dgas.store.alerts.AlertRule;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Evaluates the active alert rules after a cycle (with its signals) or an ingest (with the symbols it changed),
 * logs every evaluation that fired or was suppressed, and hands fired ones to the {@link AlertDispatcher}.
 *
 * <p>Rules: {@code threshold} (latest close above/below), {@code crossover} (previous close on one side, latest on the
 * other), {@code percent_change} (change over {@code bars} bars ≥ threshold %, "below": a fall of at least threshold
 * %), {@code volume_spike} (latest volume ≥ threshold × the mean of the {@code lookback} bars before it),
 * {@code signal} (a signal of confidence ≥ threshold for the rule's symbols). A rule fires at most once per cooldown;
 * further hits inside it are logged as suppressed. Bars are read with one query per timeframe.
 */
public final class AlertEngine {
    private final AlertRepository repo;
    private final BarRepository bars;
    private final AlertDispatcher dispatcher;
    private final Clock clock;
    private final Consumer<Outcome> afterLog;

    public AlertEngine(AlertRepository repo, BarRepository bars, AlertDispatcher dispatcher, Clock clock) {
        this(repo, bars, dispatcher, clock, o -> {});
    }

    /**
     * @param afterLog told every outcome that logged something, once its events are stored and their deliveries
     *     queued (announces fired alerts, drops cached logs)
     */
    public AlertEngine(
            AlertRepository repo,
            BarRepository bars,
            AlertDispatcher dispatcher,
            Clock clock,
            Consumer<Outcome> afterLog) {
        this.repo = repo;
        this.bars = bars;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.afterLog = afterLog;
    }

    /** The events logged and a future completing when every fired one has been delivered (or failed). */
    public record Outcome(List<AlertEvent> events, CompletableFuture<Void> delivered) {}

    /**
     * @param signals signals of the cycle just stored (empty after an ingest)
     * @param changed symbols whose bars changed, or null to evaluate every price rule
     */
    public Outcome evaluate(List<Signal> signals, Collection<String> changed) {
        List<AlertRule> rules =
                repo.rules(true).stream().filter(r -> !r.type().isTrading()).toList();
        Map<Timeframe, Map<String, BarColumns>> series = loadBars(rules, changed);
        return fire(rules, r -> r.type() == AlertRule.Type.SIGNAL ? signalHits(r, signals) : priceHit(r, series));
    }

    /**
     * Evaluates the {@code fill} and {@code limit_breach} rules with what a paper cycle did: a fill rule fires on a
     * fill of its symbols (all when none) whose notional is at least its threshold, a breach rule on every breach of
     * its symbols whose kept-back quantity is at least its threshold. Logged, dispatched and announced as the others.
     */
    public Outcome evaluateTrading(List<TradingEvent> happened) {
        if (happened.isEmpty()) {
            return new Outcome(List.of(), CompletableFuture.completedFuture(null));
        }
        List<AlertRule> rules =
                repo.rules(true).stream().filter(r -> r.type().isTrading()).toList();
        return fire(rules, r -> tradingHits(r, happened));
    }

    private Outcome fire(List<AlertRule> rules, java.util.function.Function<AlertRule, List<Hit>> hits) {
        Instant now = clock.instant();
        List<AlertEvent> events = new ArrayList<>();
        Set<Long> firedNow = new HashSet<>();
        for (AlertRule r : rules) {
            long t0 = System.nanoTime();
            for (Hit h : hits.apply(r)) {
                boolean cooling = firedNow.contains(r.id())
                        || (r.lastTriggeredAt() != null
                                && now.isBefore(r.lastTriggeredAt().plusSeconds(r.cooldownSeconds())));
                if (!cooling) {
                    firedNow.add(r.id());
                }
                events.add(new AlertEvent(
                        0,
                        r,
                        h.symbol,
                        now,
                        h.value,
                        r.threshold(),
                        !cooling,
                        (System.nanoTime() - t0) / 1e6,
                        h.message + (cooling ? " (cooldown)" : "")));
            }
        }
        List<AlertEvent> logged = repo.log(events);
        List<CompletableFuture<Void>> deliveries = new ArrayList<>();
        for (AlertEvent e : logged) {
            if (e.fired()) {
                deliveries.add(dispatcher.dispatch(e));
            }
        }
        Outcome outcome = new Outcome(logged, CompletableFuture.allOf(deliveries.toArray(new CompletableFuture<?>[0])));
        if (!logged.isEmpty()) {
            afterLog.accept(outcome);
        }
        return outcome;
    }

    private record Hit(String symbol, double value, String message) {}

    private Map<Timeframe, Map<String, BarColumns>> loadBars(List<AlertRule> rules, Collection<String> changed) {
        Map<Timeframe, Set<String>> wanted = new HashMap<>();
        Map<Timeframe, Integer> depth = new HashMap<>();
        for (AlertRule r : rules) {
            if (r.type() == AlertRule.Type.SIGNAL
                    || r.type().isTrading()
                    || r.symbol() == null
                    || (changed != null && !changed.contains(r.symbol()))) {
                continue;
            }
            Timeframe tf = Timeframe.parse(r.timeframe());
            wanted.computeIfAbsent(tf, k -> new LinkedHashSet<>()).add(r.symbol());
            depth.merge(tf, needed(r), Math::max);
        }
        Map<Timeframe, Map<String, BarColumns>> out = new HashMap<>();
        wanted.forEach((tf, syms) -> out.put(tf, bars.lastForSymbols(syms, tf, depth.get(tf))));
        return out;
    }

    private static int needed(AlertRule r) {
        return switch (r.type()) {
            case PERCENT_CHANGE -> r.bars() + 1;
            case VOLUME_SPIKE -> r.lookback() + 1;
            default -> 2;
        };
    }

    private static List<Hit> priceHit(AlertRule r, Map<Timeframe, Map<String, BarColumns>> series) {
        Map<String, BarColumns> byTf = series.get(Timeframe.parse(r.timeframe()));
        BarColumns b = byTf == null ? null : byTf.get(r.symbol());
        int n = b == null ? 0 : b.size();
        if (n == 0) {
            return List.of();
        }
        double last = b.close()[n - 1];
        double t = r.threshold();
        AlertRule.Condition c = r.condition();
        return switch (r.type()) {
            case THRESHOLD ->
                (c == AlertRule.Condition.ABOVE && last > t) || (c == AlertRule.Condition.BELOW && last < t)
                        ? hit(r, last, "close " + fmt(last) + " is " + c.code() + " " + fmt(t))
                        : List.of();
            case CROSSOVER -> {
                if (n < 2) {
                    yield List.of();
                }
                double prev = b.close()[n - 2];
                boolean up = c == AlertRule.Condition.CROSSES_ABOVE && prev <= t && last > t;
                boolean down = c == AlertRule.Condition.CROSSES_BELOW && prev >= t && last < t;
                yield up || down
                        ? hit(
                                r,
                                last,
                                "close crossed " + (up ? "above " : "below ") + fmt(t) + " (" + fmt(prev) + " -> "
                                        + fmt(last) + ")")
                        : List.of();
            }
            case PERCENT_CHANGE -> {
                if (n < r.bars() + 1) {
                    yield List.of();
                }
                double base = b.close()[n - 1 - r.bars()];
                double pct = (last / base - 1) * 100;
                boolean fired = c == AlertRule.Condition.BELOW ? pct <= -t : pct >= t;
                yield fired ? hit(r, pct, fmt(pct) + " % over " + r.bars() + " bars") : List.of();
            }
            case VOLUME_SPIKE -> {
                if (n < 2) {
                    yield List.of();
                }
                double sum = 0;
                for (int i = 0; i < n - 1; i++) {
                    sum += b.volume()[i];
                }
                double mean = sum / (n - 1);
                double ratio = mean > 0 ? b.volume()[n - 1] / mean : Double.NaN;
                yield ratio >= t
                        ? hit(r, ratio, "volume " + fmt(ratio) + "x the mean of " + (n - 1) + " bars")
                        : List.of();
            }
            case SIGNAL, FILL, LIMIT_BREACH -> List.of();
        };
    }

    private static List<Hit> signalHits(AlertRule r, List<Signal> signals) {
        Set<String> scope = new HashSet<>(r.symbols());
        if (r.symbol() != null) {
            scope.add(r.symbol());
        }
        List<Hit> out = new ArrayList<>();
        for (Signal s : signals) {
            if ((scope.isEmpty() || scope.contains(s.symbol())) && s.confidence() >= r.threshold()) {
                out.add(new Hit(
                        s.symbol(),
                        s.confidence(),
                        s.type().name().toLowerCase(Locale.ROOT) + " signal at " + fmt(s.entry()) + ", confidence "
                                + fmt(s.confidence())));
            }
        }
        return out;
    }

    private static List<Hit> tradingHits(AlertRule r, List<TradingEvent> happened) {
        String kind = r.type() == AlertRule.Type.FILL ? TradingEvent.FILL : TradingEvent.LIMIT_BREACH;
        Set<String> scope = new HashSet<>(r.symbols());
        if (r.symbol() != null) {
            scope.add(r.symbol());
        }
        List<Hit> out = new ArrayList<>();
        for (TradingEvent e : happened) {
            if (e.kind().equals(kind)
                    && (scope.isEmpty() || scope.contains(e.symbol()))
                    && e.value() >= r.threshold()) {
                out.add(new Hit(e.symbol(), e.value(), e.message()));
            }
        }
        return out;
    }

    private static List<Hit> hit(AlertRule r, double value, String message) {
        return List.of(new Hit(r.symbol(), value, message));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
