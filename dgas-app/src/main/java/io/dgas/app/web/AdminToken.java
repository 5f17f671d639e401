package io.dgas.app.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The token that guards admin and write endpoints: {@code web.admin_token} when configured, else a random one kept in
 * {@code $DGAS_HOME/admin.token} (owner-only permissions) so the CLI on the same machine can use it.
 */
public final class AdminToken {
    private AdminToken() {}

    public static String resolve(String configured, Path home) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = home.resolve("admin.token");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(home);
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            String token = HexFormat.of().formatHex(bytes);
            Files.writeString(file, token);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's own permissions apply
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token " + file, e);
        }
    }
}
