package io.dgas.store.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/** A failed HTTP exchange's cause in words, for every client of an HTTP server dgas talks to. */
public final class NetworkProblem {
    private NetworkProblem() {}

    /**
     * What went wrong on the network, in words a user can act on. The JDK's client often leaves the message null (a
     * refused connection, a host that does not resolve), so the cause chain is read: an unresolved host, then a
     * timeout, then a refused or failed connection, else the first message in the chain or the exception's kind.
     */
    public static String describe(IOException e, URI uri, Duration timeout) {
        String host = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        String message = null;
        boolean connect = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "cannot resolve host " + uri.getHost();
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer from " + host + " within " + timeout.toMillis() + " ms";
            }
            connect |= t instanceof ConnectException;
            if (message == null && t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (connect) {
            return "cannot connect to " + host + (message != null ? " (" + message + ")" : "");
        }
        return message != null ? message : e.getClass().getSimpleName();
    }
}
