package io.dgas.app.web;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The market page's cached reads answered in front of Javalin: a GET whose request URI Javalin has already routed to
 * a {@link Route#renderedOnce()} route and parsed ({@link RouteTable.Served}) is answered here from the same handler,
 * the same {@link RenderedBodies} and the same headers, without Jetty's servlet context, session and servlet layers
 * and Javalin's request lifecycle, which were about 70 % of a cached answer's server time.
 *
 * <p>Anything else goes on to Javalin unchanged: another method, a URI not yet seen (or seen only with a parameter
 * that did not parse or an answer other than a 200: those are never kept), a read refused by {@code web.auth: all} (Javalin answers 401 or 403),
 * and a handler that throws (404 of an unknown symbol, 503 of a database that does not answer), so every error is
 * Javalin's. The request is timed and logged as {@link RequestMetrics} does for Javalin's requests (same meter, same
 * tags, same line), when its answer has been written.
 */
final class LeanReads extends Handler.Wrapper {
    /** What Javalin's answers carry until a handler sets another ({@code config.http.defaultContentType}). */
    private static final String JAVALIN_DEFAULT_TYPE = "text/plain";

    private final RouteTable table;
    private final Auth auth;
    private final RequestMetrics metrics;
    private final LongAdder answered = new LongAdder();

    LeanReads(RouteTable table, Auth auth, RequestMetrics metrics) {
        this.table = table;
        this.auth = auth;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.GET.is(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        long start = System.nanoTime();
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        RouteTable.Served s = table.served(RouteTable.uriKey(path, uri.getQuery()));
        HttpFields in = request.getHeaders();
        if (s == null || s.route().admin() || !auth.allowsRead(in.get(HttpHeader.AUTHORIZATION))) {
            return super.handle(request, response, callback);
        }
        RenderedBodies.Body b;
        try {
            // a renderedOnce handler reads its arguments only, never the Javalin context (there is none here)
            Object body = s.route().handler().handle(null, s.args());
            if (body == Route.NO_BODY) {
                return super.handle(request, response, callback);
            }
            b = s.bodies().body(body);
        } catch (Exception e) {
            return super.handle(request, response, callback); // Javalin's answer to the failure, as without this
        }
        Reply r = Reply.of(b, in.get(HttpHeader.IF_NONE_MATCH), in.get(HttpHeader.ACCEPT_ENCODING));
        HttpFields.Mutable out = response.getHeaders();
        // the header order of Javalin's answer: its default content type first (left so on a 304), then the handler's
        out.put(HttpHeader.CONTENT_TYPE, r.unchanged() ? JAVALIN_DEFAULT_TYPE : Reply.CONTENT_TYPE);
        out.put(HttpHeader.ETAG, r.etag());
        out.put(HttpHeader.CACHE_CONTROL, Reply.CACHE_CONTROL);
        out.put(HttpHeader.VARY, Reply.VARY);
        ByteBuffer content = null;
        if (!r.unchanged()) {
            if (r.gzip()) {
                out.put(HttpHeader.CONTENT_ENCODING, "gzip");
            }
            out.put(HttpHeader.CONTENT_LENGTH, r.bytes().length);
            content = ByteBuffer.wrap(r.bytes());
        }
        int status = r.status();
        response.setStatus(status);
        answered.increment();
        String template = s.route().path();
        response.write(
                true,
                content,
                Callback.from(
                        callback,
                        () -> metrics.record("GET", path, template, status, (System.nanoTime() - start) / 1e6)));
        return true;
    }

    /** How many requests this handler answered itself. */
    long answered() {
        return answered.sum();
    }
}
