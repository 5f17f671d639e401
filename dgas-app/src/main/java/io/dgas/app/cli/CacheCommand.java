package io.dgas.app.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.cli.monitor.MonitorCommand;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.web.AdminToken;
import io.dgas.app.web.ServeAddress;
import io.dgas.store.UnableToConnectException;
import io.dgas.store.api.NetworkProblem;
import io.dgas.store.cache.CacheAdvisor;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.cache.RegionStats;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dgas cache …}: the query caches of a running {@code dgas serve} (caches live in long-running processes), over
 * its HTTP API; invalidations also reach every other instance through the shared Redis level.
 */
@Command(
        name = "cache",
        description = "Query-cache statistics and control (talks to a running 'dgas serve').",
        subcommands = {
            CacheCommand.Stats.class,
            CacheCommand.Clear.class,
            CacheCommand.Invalidate.class,
            CacheCommand.Optimize.class
        })
final class CacheCommand {
    private static final ObjectMapper JSON = io.dgas.app.Json.MAPPER;
    /** Bound on one request to the running server. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    abstract static class Remote extends BaseCommand {
        @Option(
                names = "--server",
                description =
                        "URL of the running dgas (default: the dgas serve of this home, else http://web.host:web.port)")
        String server;

        @Option(
                names = "--insecure",
                description = "allow plain http:// to another host (the admin token of clear and invalidate"
                        + " then crosses the network in clear)")
        boolean insecure;

        /**
         * A read: sends no token, unless the server asks for one (401: {@code web.auth: all} closes reads too), when
         * the admin token is sent if there is one (configured, or the file of a local serve).
         */
        String get(String path) {
            String base = base();
            HttpResponse<String> r = request(base, "GET", path, null);
            Optional<String> token = r.statusCode() == 401 ? AdminToken.forClient(config()) : Optional.empty();
            return checked(base, token.isPresent() ? request(base, "GET", path, token.get()) : r, token.isPresent());
        }

        /** An admin call: sends the admin token, which must exist (configured, or the file of a local serve). */
        String admin(String path) {
            String base = base();
            String token = AdminToken.forClient(config())
                    .orElseThrow(() -> new BadArgumentException("no admin token: set " + ConfigKeys.WEB_ADMIN_TOKEN
                            + " (or DGAS_WEB_ADMIN_TOKEN) to the token of the dgas serve at " + base
                            + ", or run this on its machine, where $DGAS_HOME/admin.token holds it"));
            return checked(base, request(base, "POST", path, token), true);
        }

        private String base() {
            if (server != null) {
                return ServerUrl.check("--server", server, insecure);
            }
            Optional<String> running = ServeAddress.find(config().home()); // the dgas serve of this home
            if (running.isPresent()) {
                return ServerUrl.check("$DGAS_HOME/serve.json", running.get(), insecure);
            }
            return ServerUrl.check(
                    ConfigKeys.WEB_HOST,
                    ServeAddress.localUrl(
                            config().string(ConfigKeys.WEB_HOST).orElse("127.0.0.1"),
                            config().intValue(ConfigKeys.WEB_PORT)),
                    insecure);
        }

        /** One exchange with the server at {@code base} ({@link #base}, resolved once per command). */
        private HttpResponse<String> request(String base, String method, String path, String token) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(TIMEOUT)
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UnableToConnectException(
                        "no dgas serving at " + base + " (start one with 'dgas serve'): "
                                + NetworkProblem.describe(e, URI.create(base), TIMEOUT),
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnableToConnectException("interrupted", e);
            }
        }

        /** The body of a 2xx answer; otherwise a clear error ({@code withToken}: the admin token was sent). */
        private String checked(String base, HttpResponse<String> r, boolean withToken) {
            if ((r.statusCode() == 401 || r.statusCode() == 403) && withToken) {
                // 401: no token sent; 403: a token the server does not hold
                throw new BadArgumentException("dgas at " + base + " refused the admin token (" + r.statusCode()
                        + "); set " + ConfigKeys.WEB_ADMIN_TOKEN + " to the token of that server");
            }
            if (r.statusCode() == 401) {
                throw new BadArgumentException("dgas at " + base + " asks for the admin token on reads too (web.auth:"
                        + " all) and none is here: set " + ConfigKeys.WEB_ADMIN_TOKEN + " (or DGAS_WEB_ADMIN_TOKEN)"
                        + " to the token of that server");
            }
            if (r.statusCode() / 100 != 2) {
                throw new BadArgumentException("dgas at " + base + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }

        List<RegionStats> stats() {
            try {
                return JSON.readValue(get("/api/cache/stats"), new TypeReference<List<RegionStats>>() {});
            } catch (IOException e) {
                throw new IllegalStateException("unreadable cache statistics: " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "stats", description = "Size, hits, misses, hit rate, evictions and load time per region.")
    static final class Stats extends Remote {
        @Override
        public Integer call() {
            List<RegionStats> stats = stats();
            out().result(
                            stats,
                            () -> out().table(
                                            List.of(
                                                    "region",
                                                    "size",
                                                    "max",
                                                    "ttl s",
                                                    "hits",
                                                    "misses",
                                                    "hit %",
                                                    "evictions",
                                                    "load ms"),
                                            stats.stream()
                                                    .map(s -> List.of(
                                                            s.region(),
                                                            Long.toString(s.size()),
                                                            Long.toString(s.maxEntries()),
                                                            Long.toString(s.ttlSeconds()),
                                                            Long.toString(s.hits()),
                                                            Long.toString(s.misses()),
                                                            pct(s.hitRate()),
                                                            Long.toString(s.evictions()),
                                                            MonitorCommand.f(s.loadMeanMs())))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "clear", description = "Drop every entry (of one region with --region).")
    static final class Clear extends Remote {
        @Option(names = "--region", description = "dashboard, signals, metrics, market_data, portfolio or news")
        String region;

        @Override
        public Integer call() throws IOException {
            if (region != null && !RegionSpec.names().contains(region)) {
                throw new BadArgumentException(
                        "--region",
                        region,
                        "unknown cache region '" + region + "'; accepted: " + String.join(", ", RegionSpec.names()));
            }
            String q = region == null ? "" : "?region=" + URLEncoder.encode(region, StandardCharsets.UTF_8);
            Map<String, Object> r = JSON.readValue(admin("/api/cache/clear" + q), new TypeReference<>() {});
            out().result(r, () -> out().line("removed " + r.get("removed") + " entries"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "invalidate", description = "Drop entries whose key matches a pattern, e.g. 'bars:AAPL:*'.")
    static final class Invalidate extends Remote {
        @Option(names = "--pattern", required = true, description = "key pattern; * matches anything")
        String pattern;

        @Override
        public Integer call() throws IOException {
            Map<String, Object> r = JSON.readValue(
                    admin("/api/cache/invalidate?pattern=" + URLEncoder.encode(pattern, StandardCharsets.UTF_8)),
                    new TypeReference<>() {});
            out().result(r, () -> out().line("removed " + r.get("removed") + " entries matching " + pattern));
            return ExitCodes.OK;
        }
    }

    @Command(name = "optimize", description = "Suggest size and TTL per region from observed traffic.")
    static final class Optimize extends Remote {
        @Override
        public Integer call() {
            List<CacheAdvisor.Advice> advice = CacheAdvisor.advise(stats());
            out().result(
                            advice,
                            () -> out().table(
                                            List.of("region", "size", "suggested", "ttl s", "suggested", "why"),
                                            advice.stream()
                                                    .map(a -> List.of(
                                                            a.region(),
                                                            Long.toString(a.size()),
                                                            Long.toString(a.suggestedSize()),
                                                            Long.toString(a.ttlSeconds()),
                                                            Long.toString(a.suggestedTtlSeconds()),
                                                            a.reason()))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f", 100 * v);
    }
}
