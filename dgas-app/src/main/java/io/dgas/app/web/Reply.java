package io.dgas.app.web;

/**
 * The answer to one GET of a kept body, decided once for both paths that serve it ({@link RenderedBodies#send} on
 * Javalin's, {@link LeanReads} on Jetty's): 304 without a body when the request's {@code If-None-Match} names the
 * body's tag, else 200 with the gzip when the request accepts it and it pays, or the plain JSON. Every reply carries
 * the tag, {@link #CACHE_CONTROL} and {@link #VARY}; a 200 also {@link #CONTENT_TYPE} and, when {@link #gzip()},
 * {@code Content-Encoding: gzip}. Each path writes these with its own API, in the header order of Javalin's answer.
 *
 * @param status 200 or 304
 * @param etag the body's weak ETag
 * @param bytes the bytes to send (gzip or plain JSON); null on a 304
 * @param gzip whether {@code bytes} are the gzip
 */
record Reply(int status, String etag, byte[] bytes, boolean gzip) {
    static final String CONTENT_TYPE = "application/json";
    static final String CACHE_CONTROL = "no-cache";
    static final String VARY = "Accept-Encoding";

    /** The reply with {@code b} to a request with these {@code If-None-Match} and {@code Accept-Encoding} (or null). */
    static Reply of(RenderedBodies.Body b, String ifNoneMatch, String acceptEncoding) {
        if (RenderedBodies.matches(ifNoneMatch, b.etag)) {
            return new Reply(304, b.etag, null, false);
        }
        if (RenderedBodies.acceptsGzip(acceptEncoding)) {
            byte[] gz = b.gzip();
            if (gz != null) {
                return new Reply(200, b.etag, gz, true);
            }
        }
        return new Reply(200, b.etag, b.json, false);
    }

    /** Whether this is a 304: no body, no content type of its own. */
    boolean unchanged() {
        return status == 304;
    }
}
