package io.dgas.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dgas.app.Json;
import io.dgas.app.service.BadInputException;
import io.dgas.app.service.NotFoundException;
import io.dgas.store.bars.UnknownSymbolException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one table of API routes: {@link #register} installs their handlers (auth, parameter parsing, JSON, 400/404) and
 * {@link #openApi} writes the OpenAPI 3 document from the same {@link Route} records.
 */
final class RouteTable {
    /**
     * The API's names are snake_case, records' components included. Doubles are written by Jackson's Schubfach
     * writer: the same shortest round-tripping digits, several times faster than JDK 17's {@code Double.toString},
     * which was half the cost of rendering a market page's bars. Package-private for the writers' byte-for-byte tests.
     */
    static final ObjectMapper JSON = Json.API;

    /** Request URIs whose route and parsed arguments the table keeps ({@link #served}). */
    static final int MAX_PARSED_URIS = 16384;

    /**
     * A request URI that Javalin routed to {@code route}, a {@link Route#renderedOnce()} GET whose arguments come from
     * the URI alone, and that parsed to {@code args}: the same URI is the same route and the same arguments.
     */
    record Served(Route route, RenderedBodies bodies, Args args) {}

    private final List<Route> routes;
    private final Auth auth;
    private final boolean keepBodies;
    /**
     * The {@link Served} request URIs (path and query string as received, not decoded), null with the caches off: a
     * page asks for the same few URIs again and again, and parsing the query string and converting each parameter was
     * a twentieth of the server's time on a cached answer. Bounded; a request that does not parse or answer 200 is never kept. What
     * {@link LeanReads} answers without Javalin: only URIs that Javalin itself routed here.
     */
    private final Cache<String, Served> served;

    /**
     * The table of {@code routes} plus {@code GET /api/v1/openapi.json}, which documents them all (itself too).
     *
     * @param keepBodies whether the query caches are on, so that {@link Route#renderedOnce()} routes keep their bodies
     */
    RouteTable(List<Route> routes, Auth auth, boolean keepBodies) {
        List<Route> all = new ArrayList<>(routes);
        all.add(Route.get(
                "/api/v1/openapi.json",
                "This document: every route of the API with its parameters",
                List.of(),
                "an OpenAPI 3 document",
                (c, a) -> openApi()));
        this.routes = List.copyOf(all);
        this.auth = auth;
        this.keepBodies = keepBodies;
        this.served =
                keepBodies ? Caffeine.newBuilder().maximumSize(MAX_PARSED_URIS).build() : null;
    }

    /** What the route table knows of the request URI {@code pathAndQuery} (raw), or null. */
    Served served(String pathAndQuery) {
        return served == null ? null : served.getIfPresent(pathAndQuery);
    }

    /** The request URI as received, the query string (when any) after {@code ?}: the key of {@link #served}. */
    static String uriKey(String path, String query) {
        return query == null ? path : path + '?' + query;
    }

    List<Route> routes() {
        return routes;
    }

    void register(RoutesConfig config) {
        for (Route r : routes) {
            RenderedBodies bodies = r.reusesBodies() ? new RenderedBodies(JSON, keepBodies) : null;
            boolean keepParsed = bodies != null && served != null && readsNoBody(r);
            config.addEndpoint(new Endpoint(
                    HandlerType.findOrCreate(r.method()), r.path(), c -> serve(r, bodies, keepParsed, c), Set.of()));
        }
    }

    /** A GET whose arguments come from its path and query string alone. */
    private static boolean readsNoBody(Route r) {
        return "GET".equals(r.method()) && r.params().stream().noneMatch(p -> "body".equals(p.in()));
    }

    private void serve(Route r, RenderedBodies bodies, boolean keepParsed, Context c) throws Exception {
        auth.check(c, r.admin());
        Object body;
        Served fresh = null;
        String key = null;
        try {
            Args args;
            if (!keepParsed) {
                args = Args.parse(c, r.params());
            } else {
                // c.path() is the servlet request URI: the path as received, as LeanReads looks it up
                key = uriKey(c.path(), c.queryString());
                Served known = served.getIfPresent(key);
                if (known != null && known.route() == r) {
                    args = known.args();
                } else {
                    args = Args.parse(c, r.params());
                    fresh = new Served(r, bodies, args);
                }
            }
            c.status(r.status());
            body = r.handler().handle(c, args);
            if (fresh != null && c.statusCode() == 200) {
                // kept once it answered: a URI that fails (unknown symbol) would have LeanReads try it in vain
                served.put(key, fresh);
            }
        } catch (BadParameterException e) {
            body = ParameterError.of(c, e.parameter(), e.value(), e.getMessage(), e.accepted());
        } catch (UnknownSymbolException e) {
            body = notFound(c, e.getMessage(), "symbol", e.symbol());
        } catch (BadInputException e) {
            body = ParameterError.of(c, e.parameter(), e.value(), e.getMessage(), e.accepted());
        } catch (NotFoundException e) {
            body = notFound(c, e.getMessage(), e.parameter(), e.value());
        }
        if (bodies != null && c.statusCode() == 200) {
            bodies.send(c, body);
        } else if (body != Route.NO_BODY) {
            json(c, body);
        }
    }

    private static Map<String, Object> notFound(Context c, String error, String parameter, String value) {
        c.status(404);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("parameter", parameter);
        body.put("value", value);
        return body;
    }

    static void json(Context c, Object body) {
        try {
            c.contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** The OpenAPI 3 document of every route in the table. */
    Map<String, Object> openApi() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "dgas API", "version", "1"));
        Map<String, Object> paths = new LinkedHashMap<>();
        java.util.Set<String> tags = new java.util.LinkedHashSet<>();
        for (Route r : routes) {
            tags.add(tag(r));
            @SuppressWarnings("unchecked")
            Map<String, Object> item =
                    (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method().toLowerCase(Locale.ROOT), operation(r));
        }
        doc.put("tags", tags.stream().map(t -> Map.of("name", t)).toList());
        doc.put("paths", paths);
        doc.put("components", Map.of("securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
        return doc;
    }

    /**
     * The group a route is listed under (Swagger UI's sections): the first segment of its path after
     * {@code /api/v1/}, so the routes of one feature ({@code /api/v1/portfolios/{id}/risk}: {@code portfolios}) share
     * a tag and a new feature gets its own.
     */
    static String tag(Route r) {
        String rest = r.path().startsWith("/api/v1/") ? r.path().substring("/api/v1/".length()) : r.path();
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        return first.endsWith(".json") ? "api" : first;
    }

    private static Map<String, Object> operation(Route r) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(tag(r)));
        op.put("summary", r.summary());
        op.put("operationId", r.method().toLowerCase(Locale.ROOT) + r.path().replaceAll("[^A-Za-z0-9]+", "_"));
        List<Object> params = new ArrayList<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Param p : r.params()) {
            Map<String, Object> described = parameter(p);
            if ("body".equals(p.in())) {
                // a field of the JSON object body (OpenAPI has no "body" parameter: it is the request body's schema)
                Map<String, Object> schema = new LinkedHashMap<>(castMap(described.get("schema")));
                schema.put("description", p.description());
                fields.put(p.name(), schema);
                if (p.required()) {
                    required.add(p.name());
                }
            } else {
                params.add(described);
            }
        }
        op.put("parameters", params);
        if (!fields.isEmpty()) {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", fields);
            schema.put("required", required);
            schema.put("additionalProperties", false);
            op.put(
                    "requestBody",
                    Map.of("required", false, "content", Map.of("application/json", Map.of("schema", schema))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(Integer.toString(r.status()), Map.of("description", r.response()));
        // a route that takes a body refuses a field that does not fit as a parameter does
        if (!r.params().isEmpty() || r.method().equals("POST") || r.method().equals("PUT")) {
            responses.put(
                    "400", Map.of("description", "a parameter does not fit: {error, parameter, value, accepted}"));
        }
        if (r.path().contains("{")) {
            responses.put("404", Map.of("description", "what the path names does not exist"));
        }
        responses.put("401", Map.of("description", "no bearer token (admin routes; every route with web.auth: all)"));
        responses.put("403", Map.of("description", "wrong bearer token"));
        responses.put("503", Map.of("description", "database unavailable; retry after Retry-After seconds"));
        op.put("responses", responses);
        if (r.admin()) {
            op.put("security", List.of(Map.of("bearer", List.of())));
        }
        return op;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> parameter(Param p) {
        Map<String, Object> schema = new LinkedHashMap<>();
        switch (p.type()) {
            case INT -> schema.put("type", "integer");
            case NUMBER -> schema.put("type", "number");
            case BOOL -> schema.put("type", "boolean");
            case INSTANT -> {
                schema.put("type", "string");
                schema.put("format", "date-time");
            }
            case ENUM -> {
                schema.put("type", "string");
                schema.put("enum", p.choices());
            }
            case STRING, TICKER -> schema.put("type", "string");
        }
        if (p.defaultValue() != null) {
            schema.put("default", typedDefault(p));
        }
        if (p.minimum() != null) {
            schema.put("minimum", p.minimum());
        }
        if (p.maximum() != null) {
            schema.put("maximum", p.maximum());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", p.name());
        out.put("in", p.in());
        out.put("required", p.required());
        out.put("description", p.description());
        out.put("schema", schema);
        return out;
    }

    private static Object typedDefault(Param p) {
        return switch (p.type()) {
            case INT -> Long.parseLong(p.defaultValue());
            case NUMBER -> Double.parseDouble(p.defaultValue());
            case BOOL -> Boolean.parseBoolean(p.defaultValue());
            default -> p.defaultValue();
        };
    }
}
