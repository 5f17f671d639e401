package io.dgas.app.web;

import io.javalin.http.Context;
import java.util.List;

/**
 * One API route: what {@link RouteTable} registers with Javalin and what it writes into the OpenAPI document, from
 * the same record, so the two cannot drift.
 *
 * @param method HTTP method ({@code GET}, {@code POST}, …)
 * @param path Javalin path, {@code {name}} for a path parameter (the OpenAPI syntax too)
 * @param summary one line for the document
 * @param params every parameter the handler reads; the handler sees them parsed ({@link Args})
 * @param admin whether the admin token is required (writes and admin operations)
 * @param response what a success carries
 * @param handler parses nothing itself: gets the parsed arguments, calls a service, returns the JSON body
 * @param reusesBodies the handler returns its service's answer as is ({@link RenderedBodies}): an answer the query
 *     caches still hold is the same instance, rendered once, with an ETag that a client revalidates (304)
 * @param status the status of a success (200, or 201 for a route that creates), set before the handler runs (which
 *     may answer otherwise, as an order refused with 422) and written into the document
 */
record Route(
        String method,
        String path,
        String summary,
        List<Param> params,
        boolean admin,
        String response,
        Handler handler,
        boolean reusesBodies,
        int status) {

    /** What a handler returns when it answered itself (a 204, an event stream): nothing more is written. */
    static final Object NO_BODY = new Object();

    /** The body of a successful answer, rendered as JSON; may set the status on {@code c}. */
    @FunctionalInterface
    interface Handler {
        Object handle(Context c, Args args) throws Exception;
    }

    static Route get(String path, String summary, List<Param> params, String response, Handler handler) {
        return new Route("GET", path, summary, List.copyOf(params), false, response, handler, false, 200);
    }

    /**
     * This route with its body rendered once per answer ({@link RenderedBodies}). Only for a handler whose body is
     * its service's answer itself or a {@link RenderedBodies.View} of it, so that the same instance means the same
     * body. Its handler must read nothing but its arguments: {@link LeanReads} calls it without a Javalin context
     * (null), and a handler that throws there is answered by Javalin instead.
     */
    Route renderedOnce() {
        return new Route(method, path, summary, params, admin, response, handler, true, status);
    }

    /** This route answering 201 Created on success: it creates what it returns. */
    Route created() {
        return new Route(method, path, summary, params, admin, response, handler, reusesBodies, 201);
    }

    /** A write or admin operation: needs the admin token. */
    static Route admin(String method, String path, String summary, List<Param> params, String response, Handler h) {
        return new Route(method, path, summary, List.copyOf(params), true, response, h, false, 200);
    }

    /** {@code METHOD path}, as the equivalence test compares routes. */
    String key() {
        return method + " " + path;
    }
}
