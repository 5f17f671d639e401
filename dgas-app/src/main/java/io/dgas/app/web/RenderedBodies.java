package io.dgas.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The JSON bodies of one {@link Route#renderedOnce()} route, rendered once per answer. Its handler returns its
 * service's answer itself; while the query caches hold that answer every request gets the same instance, so the
 * rendered bytes, their ETag and their gzip are kept here, keyed by that instance (weakly, by identity). A write drops
 * the query-cache entry; the next request gets a new instance and a new rendering, so a kept body is never staler than
 * the query caches, which writes and the database's change events keep exact. With the caches off every answer is new:
 * nothing is kept and each body is rendered.
 *
 * <p>Every body carries a weak ETag (a digest of its bytes, so an answer re-read unchanged keeps its tag) and
 * {@code Cache-Control: no-cache}: a browser revalidates with {@code If-None-Match} and an unchanged body is a 304 with
 * no body. gzip only when the client accepts it (every browser does) and it pays: a body of at least
 * {@value #MIN_GZIP_BYTES} bytes that it shrinks by a tenth at least. A kept body is compressed once, at the default
 * level; a body rendered for one answer (caches off, or an answer no longer cached) at the fastest level: on a 300-bar
 * analysis body (46 KB) about 0.15 ms instead of 1.3 ms of CPU for a gzip a fifth larger, which on an uncached page of
 * three bodies was as much CPU as computing the analysis.
 */
final class RenderedBodies {
    static final int MIN_GZIP_BYTES = 1024;
    /** Bound on the bytes kept per route (rendered and gzip), beyond which the least used bodies go. */
    static final long MAX_KEPT_BYTES = 32L << 20;

    /** A body that shows one answer of a service and nothing else: rendered from it alone, so kept by it. */
    interface View {
        Object answer();
    }

    private final ObjectMapper json;
    private final Cache<Object, Body> kept;
    private final int gzipLevel;

    /**
     * @param json the API's mapper
     * @param keep false when the query caches are off (no answer is ever the same instance again)
     */
    RenderedBodies(ObjectMapper json, boolean keep) {
        this.json = json;
        this.gzipLevel = keep ? Deflater.DEFAULT_COMPRESSION : Deflater.BEST_SPEED;
        this.kept = keep
                ? Caffeine.newBuilder()
                        .weakKeys() // identity, and an answer the query caches dropped takes its body along
                        .maximumWeight(MAX_KEPT_BYTES)
                        .weigher((Object k, Body b) -> b.json.length * 2)
                        .build()
                : null;
    }

    /** Answers {@code c} with {@code body} (the handler's 200 answer): 304 when the client's tag matches. */
    void send(Context c, Object body) throws IOException {
        Reply r = Reply.of(body(body), c.header("If-None-Match"), c.header("Accept-Encoding"));
        c.header("ETag", r.etag());
        c.header("Cache-Control", Reply.CACHE_CONTROL);
        c.header("Vary", Reply.VARY);
        if (r.unchanged()) {
            c.status(304);
            return;
        }
        if (r.gzip()) {
            c.header("Content-Encoding", "gzip");
        }
        c.contentType(Reply.CONTENT_TYPE);
        c.res().setContentLength(r.bytes().length);
        // straight to the servlet stream, in one write: compressed here once or not at all, so Javalin's compressing
        // stream (which weighs its mime-type lists on every body, a fifth of a cached answer's time) has no part
        c.res().getOutputStream().write(r.bytes());
    }

    /** The rendered body of {@code body} (the handler's 200 answer): the kept one while its answer is cached. */
    Body body(Object body) {
        Object answer = body instanceof View v ? v.answer() : body;
        return kept == null ? render(body) : kept.get(answer, k -> render(body));
    }

    private Body render(Object body) {
        try {
            return new Body(json.writeValueAsBytes(body), gzipLevel);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** Whether {@code ifNoneMatch} names {@code etag} (weak comparison, as RFC 9110 asks for If-None-Match) or is *. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        if (ifNoneMatch.equals(etag)) {
            return true; // what a client sends back: the tag it was given
        }
        String opaque = opaque(etag);
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || opaque(t).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** Whether an {@code Accept-Encoding} value allows gzip ({@code gzip} or {@code *}, without {@code q=0}). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        if (acceptEncoding.indexOf(';') < 0) {
            // no q-values (what browsers send): a plain token scan, no splitting or pattern per request
            for (int from = 0; from < acceptEncoding.length(); ) {
                int comma = acceptEncoding.indexOf(',', from);
                int end = comma < 0 ? acceptEncoding.length() : comma;
                String coding = acceptEncoding.substring(from, end).trim();
                if (coding.toLowerCase(Locale.ROOT).equals("gzip") || coding.equals("*")) {
                    return true;
                }
                from = end + 1;
            }
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.split(";");
            String coding = p[0].trim().toLowerCase(Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("*")) {
                return p.length < 2 || !p[1].trim().matches("q\\s*=\\s*0(\\.0*)?");
            }
        }
        return false;
    }

    /** One rendered body, its weak ETag, and its gzip when that pays (computed on the first client that takes it). */
    static final class Body {
        private static final byte[] NOT_WORTH_IT = new byte[0];

        final byte[] json;
        final String etag;
        private final int level;
        private volatile byte[] gzip;

        /** @param level the {@link Deflater} level of its gzip */
        Body(byte[] json, int level) {
            this.json = json;
            this.level = level;
            this.etag = "W/\"" + digest(json) + "\"";
        }

        /** The gzip of the body, or null when it does not pay. */
        byte[] gzip() {
            byte[] g = gzip;
            if (g == null) {
                g = compress(json, level); // two racing first requests may both compress: same bytes, no harm
                gzip = g;
            }
            return g == NOT_WORTH_IT ? null : g;
        }

        private static byte[] compress(byte[] json, int level) {
            if (json.length < MIN_GZIP_BYTES) {
                return NOT_WORTH_IT;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4);
            try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192) {
                {
                    def.setLevel(level);
                }
            }) {
                gz.write(json);
            } catch (IOException e) {
                throw new IllegalStateException("gzip in memory failed", e);
            }
            return out.size() <= json.length * 9L / 10 ? out.toByteArray() : NOT_WORTH_IT;
        }

        /** 128 bits of the SHA-256 of {@code bytes}, in hex: a tag that changes whenever the body does. */
        private static String digest(byte[] bytes) {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
                return HexFormat.of().formatHex(d, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }
}
