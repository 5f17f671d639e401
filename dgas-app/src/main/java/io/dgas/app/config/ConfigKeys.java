package io.dgas.app.config;

import io.dgas.app.config.ConfigKey.Type;
import io.dgas.app.stream.MarketHours;
import io.dgas.domain.Timeframe;
import io.dgas.store.cache.RegionSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key dgas knows, in one place. Unknown keys are errors, so this list is the whole contract of
 * {@code dgas.yaml}.
 */
public final class ConfigKeys {
    public static final String PROFILE = "profile";
    public static final String DB_URL = "database.url";
    public static final String DB_USER = "database.user";
    public static final String DB_PASSWORD = "database.password";
    public static final String POOL_SIZE = "database.pool_size";
    public static final String MAX_OVERFLOW = "database.max_overflow";
    public static final String POOL_TIMEOUT = "database.pool_timeout";
    public static final String POOL_RECYCLE = "database.pool_recycle";
    public static final String POOL_PRE_PING = "database.pool_pre_ping";
    public static final String EMBEDDED_DATA_DIR = "database.embedded.data_dir";
    public static final String DB_REPLICAS = "database.replicas";
    public static final String DB_REPLICA_MAX_LAG = "database.replica_max_lag";
    public static final String DB_REPLICA_CHECK_INTERVAL = "database.replica_check_interval";
    public static final String RETENTION_BARS_DAYS = "retention.bars_days";
    public static final String RETENTION_TICKS_DAYS = "retention.ticks_days";
    public static final String RETENTION_ALERT_LOGS_DAYS = "retention.alert_logs_days";
    public static final String RETENTION_MODE = "retention.mode";
    public static final String OPTIMIZER_LOCK_TIMEOUT = "optimizer.lock_timeout";
    public static final String INGEST_LOCK_TIMEOUT = "ingest.lock_timeout";
    public static final String OPTIMIZER_STATEMENT_TIMEOUT = "optimizer.statement_timeout";
    public static final String WORKERS = "cycle.workers";
    public static final String BATCH_SIZE = "cycle.batch_size";
    public static final String CYCLE_WARM = "cycle.warm";
    public static final String LOOKBACK = "cycle.lookback_bars";
    public static final String HTF = "cycle.htf";
    public static final String TRADING = "cycle.trading";
    public static final String SLOW_QUERY_MS = "monitor.slow_query_ms";
    public static final String SLOW_BULK_QUERY_MS = "monitor.slow_bulk_query_ms";
    public static final String QUERY_MONITOR = "monitor.query_monitor";
    public static final String HEALTH_ENABLED = "monitor.health.enabled";
    public static final String HEALTH_INTERVAL = "monitor.health.interval";
    public static final String STATEMENTS_SNAPSHOT_INTERVAL = "monitor.statements_snapshot_interval";
    public static final String CACHE_ENABLED = "cache.enabled";
    public static final String REDIS_ENABLED = "cache.redis.enabled";
    public static final String REDIS_URL = "cache.redis.url";
    public static final String WEB_PORT = "web.port";
    public static final String WEB_HOST = "web.host";
    public static final String WEB_ADMIN_TOKEN = "web.admin_token";
    public static final String WEB_AUTH = "web.auth";
    public static final String EVENTS_HEARTBEAT = "web.events_heartbeat";
    public static final String JOBS_POLL = "jobs.poll";
    public static final String WEB_MAX_UPLOAD_MB = "web.max_upload_mb";
    public static final String ALERTS_WEBHOOK = "alerts.webhook_url";
    public static final String ALERTS_FILE = "alerts.file";
    public static final String ALERTS_TIMEOUT = "alerts.webhook_timeout";
    public static final String STALE_AFTER = "cycle.stale_after";
    public static final String ENTRY_REACH_ATR = "signals.entry_reach_atr";
    public static final String MIN_REWARD_RISK = "signals.min_reward_risk";
    public static final String EXPIRY_BARS = "signals.expiry_bars";
    public static final String MIN_CALIBRATED = "signals.min_calibrated";
    public static final String ZONE_LOOKBACK = "mtf.zone_lookback_bars";
    public static final String SCHED_INTERVAL = "scheduler.interval";
    public static final String SCHED_CRON = "scheduler.cron";
    public static final String SCHED_WEEKDAYS = "scheduler.weekdays_only";
    public static final String SCHED_SESSION = "scheduler.session";
    public static final String SCHED_ZONE = "scheduler.timezone";
    public static final String SCHED_HOLIDAYS = "scheduler.holidays";
    public static final String SCHED_MARKET = "scheduler.market";
    public static final String CALENDARS_DIR = "calendars.dir";
    public static final String API_BASE_URL = "api.base_url";
    public static final String API_KEY = "api.key";
    public static final String API_REQUESTS_PER_MINUTE = "api.requests_per_minute";
    public static final String COLLECT_SOURCE = "collect.source";
    public static final String COLLECT_BASE_URL = "collect.base_url";
    public static final String COLLECT_API_TOKEN = "collect.api_token";
    public static final String COLLECT_PER_MINUTE = "collect.requests_per_minute";
    public static final String COLLECT_BURST = "collect.burst";
    public static final String COLLECT_BATCH_SIZE = "collect.batch_size";
    public static final String COLLECT_OVERLAP_BARS = "collect.overlap_bars";
    public static final String COLLECT_MAX_BACKFILL = "collect.max_backfill";
    public static final String COLLECT_MAX_ATTEMPTS = "collect.max_attempts";
    public static final String COLLECT_BACKOFF = "collect.backoff";
    public static final String COLLECT_STREAM = "collect.stream";
    public static final String COLLECT_STREAM_URL = "collect.stream_url";
    public static final String COLLECT_STREAM_URL_US = "collect.stream_url_us";
    public static final String COLLECT_STREAM_URL_FOREX = "collect.stream_url_forex";
    public static final String INGEST_MIN_TIMESTAMP = "ingest.min_timestamp";
    public static final String INGEST_MAX_FUTURE = "ingest.max_future";
    public static final String INGEST_MIN_PRICE = "ingest.min_price";
    public static final String INGEST_MAX_PRICE = "ingest.max_price";
    public static final String INGEST_MAX_LINE = "ingest.max_line_length";

    private static final List<String> TIMEFRAMES =
            Arrays.stream(Timeframe.values()).map(Timeframe::code).toList();

    private static final Map<String, ConfigKey> KEYS = new LinkedHashMap<>();

    static {
        add(new ConfigKey(
                PROFILE,
                Type.ENUM,
                0,
                0,
                Profile.names(),
                "default",
                List.of("DGAS_PROFILE"),
                false,
                "tuning profile"));
        add(str(DB_URL, null, false, "JDBC URL of an external PostgreSQL; unset: the embedded server"));
        add(str(DB_USER, null, false, "database user (else from the URL)"));
        add(str(DB_PASSWORD, null, true, "database password (else from the URL)"));
        add(num(POOL_SIZE, Type.INT, 1, 1000, "5", "DB_POOL_SIZE", "connections kept open"));
        add(num(MAX_OVERFLOW, Type.INT, 0, 1000, "15", "DB_MAX_OVERFLOW", "extra connections under load"));
        add(num(POOL_TIMEOUT, Type.SECONDS, 1, 600, "30", "DB_POOL_TIMEOUT", "connection acquire timeout"));
        add(num(POOL_RECYCLE, Type.SECONDS, 30, 86_400, "3600", "DB_POOL_RECYCLE", "connection max lifetime"));
        add(new ConfigKey(
                POOL_PRE_PING,
                Type.BOOL,
                0,
                0,
                List.of(),
                "true",
                envs(POOL_PRE_PING, "DB_POOL_PRE_PING"),
                false,
                "validate connections on borrow"));
        add(str(EMBEDDED_DATA_DIR, null, false, "embedded data directory (default $DGAS_HOME/pg)"));
        add(str(
                DB_REPLICAS,
                null,
                false,
                "read replicas: comma-separated JDBC URLs; cached reads go to them (optimizer checks them too)"));
        add(num(
                DB_REPLICA_MAX_LAG,
                Type.SECONDS,
                1,
                3600,
                "10",
                null,
                "a replica further behind the primary than this serves no reads until it catches up"));
        add(num(DB_REPLICA_CHECK_INTERVAL, Type.SECONDS, 1, 300, "1", null, "how often each replica is checked"));
        add(num(RETENTION_BARS_DAYS, Type.INT, 0, 36_500, "0", null, "days of bars partitions kept (0: forever)"));
        add(num(RETENTION_TICKS_DAYS, Type.INT, 0, 36_500, "0", null, "days of ticks partitions kept (0: forever)"));
        add(num(RETENTION_ALERT_LOGS_DAYS, Type.INT, 0, 36_500, "0", null, "days of alert_logs kept (0: forever)"));
        add(new ConfigKey(
                RETENTION_MODE,
                Type.ENUM,
                0,
                0,
                List.of("drop", "archive"),
                "drop",
                envs(RETENTION_MODE, null),
                false,
                "expired partitions: drop, or archive (detach and rename archive_<name>)"));
        add(num(OPTIMIZER_LOCK_TIMEOUT, Type.SECONDS, 1, 3600, "5", null, "lock timeout of index builds"));
        add(num(INGEST_LOCK_TIMEOUT, Type.SECONDS, 1, 3600, "30", null, "longest wait of an ingest for a lock"));
        add(num(
                OPTIMIZER_STATEMENT_TIMEOUT,
                Type.SECONDS,
                1,
                86_400,
                "3600",
                null,
                "statement timeout of index builds"));
        add(num(
                WORKERS,
                Type.INT,
                1,
                256,
                Integer.toString(Runtime.getRuntime().availableProcessors()),
                null,
                "analysis worker threads"));
        add(num(BATCH_SIZE, Type.INT, 1, 1000, "10", null, "symbols per batch"));
        add(bool(CYCLE_WARM, "true", "keep each series analysed in memory across cycles"));
        add(num(LOOKBACK, Type.INT, 50, 100_000, "200", null, "trading bars analysed per symbol"));
        add(new ConfigKey(HTF, Type.ENUM, 0, 0, TIMEFRAMES, "4h", envs(HTF, null), false, "higher timeframe"));
        add(new ConfigKey(TRADING, Type.ENUM, 0, 0, TIMEFRAMES, "1h", envs(TRADING, null), false, "trading timeframe"));
        add(new ConfigKey(
                ENTRY_REACH_ATR,
                Type.POSITIVE,
                0,
                100,
                List.of(),
                "2",
                envs(ENTRY_REACH_ATR, null),
                false,
                "[C] farthest entry zone level from the close, in ATR(14)"));
        add(new ConfigKey(
                MIN_REWARD_RISK,
                Type.POSITIVE,
                0,
                100,
                List.of(),
                "1.5",
                envs(MIN_REWARD_RISK, null),
                false,
                "[C] smallest reward:risk left after the target cap"));
        add(num(EXPIRY_BARS, Type.INT, 1, 10_000, "5", null, "[C] trading bars in which an entry may fill"));
        add(num(
                MIN_CALIBRATED,
                Type.INT,
                1,
                1_000_000,
                "30",
                null,
                "[C] decided outcomes a score decile needs to give a win probability"));
        add(num(
                ZONE_LOOKBACK,
                Type.INT,
                0,
                1_000_000,
                "100",
                null,
                "[C] confluence zones are built from the lines ending in each timeframe's last this many bars"
                        + " (0: every line)"));
        add(num(SLOW_QUERY_MS, Type.INT, 1, 600_000, "500", null, "slow-query log threshold (ms)"));
        add(num(
                SLOW_BULK_QUERY_MS,
                Type.INT,
                1,
                3_600_000,
                "30000",
                null,
                "slow-query threshold of bulk loads and maintenance (ms)"));
        add(bool(QUERY_MONITOR, "true", "time every statement"));
        add(bool(HEALTH_ENABLED, "true", "background health collection"));
        add(num(HEALTH_INTERVAL, Type.SECONDS, 1, 3600, "30", null, "health collection interval"));
        add(num(
                STATEMENTS_SNAPSHOT_INTERVAL,
                Type.SECONDS,
                1,
                86_400,
                "300",
                null,
                "pg_stat_statements snapshot interval of dgas serve (look-back windows)"));
        add(bool(CACHE_ENABLED, "true", "query caches"));
        add(bool(REDIS_ENABLED, "false", "shared L2 cache in Redis"));
        add(str(REDIS_URL, "redis://127.0.0.1:6379", false, "Redis URL for the L2 cache"));
        add(num(WEB_PORT, Type.INT, 0, 65_535, "8080", null, "HTTP port of dgas serve (0: any free port)"));
        add(str(WEB_HOST, "127.0.0.1", false, "address dgas serve listens on"));
        add(str(WEB_ADMIN_TOKEN, null, true, "token for admin endpoints (default: generated in $DGAS_HOME)"));
        add(new ConfigKey(
                WEB_AUTH,
                Type.ENUM,
                0,
                0,
                List.of("writes", "all"),
                "writes",
                envs(WEB_AUTH, null),
                false,
                "which API requests need the admin token: writes (and admin), or all"));
        add(num(EVENTS_HEARTBEAT, Type.SECONDS, 1, 300, "15", null, "heartbeat comment interval of /api/v1/events"));
        add(num(
                JOBS_POLL,
                Type.SECONDS,
                1,
                3600,
                "30",
                null,
                "how often an idle server looks at the job queue besides when it hears of a job queued"));
        add(num(WEB_MAX_UPLOAD_MB, Type.INT, 1, 2048, "64", null, "largest CSV upload of the ingest API (MiB)"));
        add(str(ALERTS_WEBHOOK, null, true, "URL that receives alerts as JSON POSTs (its path is often its key)"));
        add(str(ALERTS_FILE, null, false, "file that receives alerts as JSON lines"));
        add(num(ALERTS_TIMEOUT, Type.SECONDS, 1, 120, "5", null, "webhook timeout per attempt"));
        add(num(
                STALE_AFTER,
                Type.SECONDS,
                0,
                30 * 86_400,
                "0",
                null,
                "a series is stale when its newest bar ended longer ago (0: 3 trading bars; daily: + 2 days)"));
        add(num(SCHED_INTERVAL, Type.SECONDS, 10, 7 * 86_400, "3600", null, "cycle interval (unless scheduler.cron)"));
        add(str(SCHED_CRON, null, false, "cycle cron expression (6 fields, seconds first), e.g. 0 5 * * * *"));
        add(bool(SCHED_WEEKDAYS, "false", "run cycles on weekdays only"));
        add(str(SCHED_SESSION, null, false, "exchange session, e.g. 09:30-16:00 (unset: all day)"));
        add(str(SCHED_ZONE, "UTC", false, "time zone of the session and holidays, e.g. America/New_York"));
        add(str(SCHED_HOLIDAYS, null, false, "comma-separated holiday dates, e.g. 2024-12-25,2025-01-01"));
        add(new ConfigKey(
                SCHED_MARKET,
                Type.ENUM,
                0,
                0,
                MarketHours.MARKETS,
                null,
                envs(SCHED_MARKET, null),
                false,
                "cycles in a shipped market's hours, holidays and early closes (unset: weekdays_only, session,"
                        + " timezone and holidays)"));
        add(str(
                CALENDARS_DIR,
                null,
                false,
                "exchange calendars of your own, a file per exchange code (KO.txt; default $DGAS_HOME/calendars)"));
        add(str(API_BASE_URL, "https://eodhd.com", false, "market-data API base URL (EODHD-style)"));
        add(new ConfigKey(
                API_KEY,
                Type.STRING,
                0,
                0,
                List.of(),
                null,
                List.of("DGAS_API_KEY", "EODHD_API_KEY"),
                true,
                "market-data API key (never printed)"));
        add(num(API_REQUESTS_PER_MINUTE, Type.INT, 1, 100_000, "60", null, "market-data API rate limit"));
        addCollectKeys();
        add(new ConfigKey(
                INGEST_MIN_TIMESTAMP,
                Type.DATE,
                0,
                0,
                List.of(),
                "1970-01-01",
                envs(INGEST_MIN_TIMESTAMP, null),
                false,
                "earliest timestamp ingest accepts (UTC date)"));
        add(num(
                INGEST_MAX_FUTURE,
                Type.SECONDS,
                0,
                366 * 86_400,
                "86400",
                null,
                "how far past now a timestamp may lie"));
        add(positive(INGEST_MIN_PRICE, "1e-8", "smallest price ingest accepts (also the finest precision kept)"));
        add(positive(INGEST_MAX_PRICE, "1e9", "largest price ingest accepts"));
        add(num(INGEST_MAX_LINE, Type.INT, 256, 64L << 20, "65536", null, "longest input line in characters"));
        for (RegionSpec r : RegionSpec.defaults()) {
            add(num(
                    regionSize(r.name()),
                    Type.INT,
                    1,
                    10_000_000,
                    Long.toString(r.maxEntries()),
                    null,
                    "entries kept in cache region " + r.name()));
            add(num(
                    regionTtl(r.name()),
                    Type.SECONDS,
                    1,
                    86_400,
                    Long.toString(r.ttl().toSeconds()),
                    null,
                    "time-to-live of cache region " + r.name()));
        }
    }

    private ConfigKeys() {}

    /** The cycle's collect stage (fetching new bars before analysing). */
    private static void addCollectKeys() {
        add(new ConfigKey(
                COLLECT_SOURCE,
                Type.ENUM,
                0,
                0,
                List.of("eodhd", "none"),
                "none",
                envs(COLLECT_SOURCE, null),
                false,
                "where each cycle fetches new bars from first (none: no collect stage)"));
        add(str(COLLECT_BASE_URL, "https://eodhd.com", false, "collect source base URL"));
        add(new ConfigKey(
                COLLECT_API_TOKEN,
                Type.STRING,
                0,
                0,
                List.of(),
                null,
                List.of("DGAS_COLLECT_API_TOKEN"),
                true,
                "collect source API token (never printed; unset: api.key)"));
        add(num(COLLECT_PER_MINUTE, Type.INT, 1, 100_000, "60", null, "collect requests per minute (token bucket)"));
        add(num(COLLECT_BURST, Type.INT, 1, 10_000, "5", null, "collect requests sent at once before pacing"));
        add(num(COLLECT_BATCH_SIZE, Type.INT, 1, 10_000, "100", null, "symbols per collect batch"));
        add(num(COLLECT_OVERLAP_BARS, Type.INT, 0, 1_000, "2", null, "newest stored bars fetched again"));
        add(num(
                COLLECT_MAX_BACKFILL,
                Type.SECONDS,
                3_600,
                3_650L * 86_400,
                "7776000",
                null,
                "longest gap after downtime the collect stage fills"));
        add(num(COLLECT_MAX_ATTEMPTS, Type.INT, 1, 10, "4", null, "attempts per collect request"));
        add(num(COLLECT_BACKOFF, Type.SECONDS, 1, 600, "2", null, "wait before a collect retry (doubles)"));
        add(bool(COLLECT_STREAM, "false", "stream live trades (EODHD WebSocket) while the scheduler runs"));
        add(str(
                COLLECT_STREAM_URL,
                "wss://ws.eodhistoricaldata.com/ws/crypto",
                false,
                "trade stream WebSocket endpoint of crypto symbols"));
        add(str(
                COLLECT_STREAM_URL_US,
                "wss://ws.eodhistoricaldata.com/ws/us",
                false,
                "trade stream WebSocket endpoint of the other (US-listed) symbols"));
        add(str(
                COLLECT_STREAM_URL_FOREX,
                "wss://ws.eodhistoricaldata.com/ws/forex",
                false,
                "quote stream WebSocket endpoint of forex symbols"));
    }

    /** Key of the size of cache region {@code name}. */
    public static String regionSize(String name) {
        return "cache.regions." + name + ".size";
    }

    /** Key of the time-to-live of cache region {@code name}. */
    public static String regionTtl(String name) {
        return "cache.regions." + name + ".ttl";
    }

    private static void add(ConfigKey k) {
        KEYS.put(k.path(), k);
    }

    private static List<String> envs(String path, String alias) {
        String dgas = "DGAS_" + path.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
        return alias == null ? List.of(dgas) : List.of(dgas, "DGAS_" + alias, alias);
    }

    private static ConfigKey str(String path, String def, boolean secret, String help) {
        return new ConfigKey(path, Type.STRING, 0, 0, List.of(), def, envs(path, null), secret, help);
    }

    private static ConfigKey num(String path, Type type, long min, long max, String def, String alias, String help) {
        return new ConfigKey(path, type, min, max, List.of(), def, envs(path, alias), false, help);
    }

    private static ConfigKey positive(String path, String def, String help) {
        return new ConfigKey(path, Type.POSITIVE, 0, 0, List.of(), def, envs(path, null), false, help);
    }

    private static ConfigKey bool(String path, String def, String help) {
        return new ConfigKey(path, Type.BOOL, 0, 0, List.of(), def, envs(path, null), false, help);
    }

    /** All keys in a stable order. */
    public static List<ConfigKey> all() {
        return List.copyOf(KEYS.values());
    }

    /** The key at {@code path}, or null. */
    public static ConfigKey find(String path) {
        return KEYS.get(path);
    }

    /** Whether some key lives below {@code prefix} (a YAML section such as {@code database}). */
    public static boolean isSection(String prefix) {
        return KEYS.keySet().stream().anyMatch(k -> k.startsWith(prefix + "."));
    }
}
