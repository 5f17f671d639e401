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
        return !readsClosed || verdict(authorization) == Verdict.OK;
    }

    void requireToken(Context c) {
        switch (verdict(c.header("Authorization"))) {
            case MISSING -> throw new UnauthorizedResponse("admin token required (Authorization: Bearer …)");
            case WRONG -> throw new ForbiddenResponse("wrong admin token");
            case OK -> {}
        }
    }

    private enum Verdict {
        MISSING,
        WRONG,
        OK
    }

    /** The one token comparison: no bearer header, a wrong token, or the right one. */
    private Verdict verdict(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Verdict.MISSING;
        }
        byte[] given = authorization.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, wanted) ? Verdict.OK : Verdict.WRONG;
    }
}
