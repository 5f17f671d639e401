package io.dgas.app.cli;

import io.dgas.Printable;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The base URL of a running {@code dgas serve} that the CLI talks to, checked before anything is sent: http or https
 * with a host and no user info, query or fragment, and plain HTTP only to this machine (loopback, or an address of one
 * of its interfaces) unless {@code --insecure}, because the admin token would otherwise cross the network in clear.
 */
public final class ServerUrl {
    private ServerUrl() {}

    /**
     * {@code text} as a base URL without a trailing slash.
     *
     * @param option the option the text came from, for messages
     * @throws BadArgumentException when it is not acceptable
     */
    public static String check(String option, String text, boolean insecure) {
        String shown = Printable.of(text);
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new BadArgumentException(option + " " + shown + ": control characters are not allowed in a URL");
        }
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            throw new BadArgumentException(option + " " + shown + ": not a URL (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new BadArgumentException(
                    option + " " + shown + ": expected http://HOST:PORT or https://HOST:PORT of a running dgas serve");
        }
        if (u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new BadArgumentException(option + " " + io.dgas.store.Redact.url(shown)
                    + ": user info, query and fragment are not allowed; give scheme, host, port and path only");
        }
        if (scheme.equals("http") && !insecure && !thisMachine(u.getHost())) {
            throw new BadArgumentException(option + " " + shown + ": plain HTTP to another host would send the admin"
                    + " token in clear; use https://, or add --insecure if the network is trusted");
        }
        String s = u.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Whether {@code host} is this machine: {@code localhost}, or an IP literal that is loopback or local. */
    public static boolean thisMachine(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:.%]*:[0-9a-fA-F:.%]*")) {
            return false; // a name: resolving it would trust whatever DNS answers
        }
        try {
            InetAddress a = InetAddress.getByName(h); // an IP literal: no lookup
            return a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }
}
