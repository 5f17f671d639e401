package io.dgas.app.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The bearer-token rule: admin and write routes always need {@code Authorization: Bearer <token>}; reads need it only
 * when {@code web.auth} is {@code all}. No header (or not a bearer one) is 401, a wrong token 403. The comparison takes
 * the same time wherever the tokens differ.
 */
final class Auth {
    private final byte[] wanted;
    private final boolean readsClosed;

    Auth(String token, boolean readsClosed) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an admin token is required (a blank one would match any caller)");
        }
        this.wanted = token.getBytes(StandardCharsets.UTF_8);
        this.readsClosed = readsClosed;
    }

    /** Throws 401/403 unless {@code c} may use a route that is {@code admin} (or a read, when reads are closed). */
    void check(Context c, boolean admin) {
        if (admin || readsClosed) {
            requireToken(c);
        }
    }

    /**
     * Whether a read with this {@code Authorization} header value (null when absent) may proceed: always with reads
     * open, else only with the right bearer token. What refuses it (401 or 403) is {@link #check}'s to say.
     */
    boolean allowsRead(String authorization) {
        if (!readsClosed) {
            return true;
        }
        return authorization != null
                && authorization.startsWith("Bearer ")
                && MessageDigest.isEqual(
                        authorization.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8), wanted);
    }

    void requireToken(Context c) {
        String header = c.header("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            throw new UnauthorizedResponse("admin token required (Authorization: Bearer …)");
        }
        byte[] given = header.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, wanted)) {
            throw new ForbiddenResponse("wrong admin token");
        }
    }
}
