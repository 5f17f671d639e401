package io.dgas.app.web;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.ConfigLoader.Setting;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.config.UnableToConfigureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The token that guards admin and write endpoints: {@code web.admin_token} when configured, else a random one kept in
 * {@code $DGAS_HOME/admin.token} so the CLI on the same machine can use it.
 *
 * <p>The file is owner-only from the moment it exists: it is written as a temporary file created with
 * {@code rw-------} and then linked into place (never created readable and narrowed afterwards). An empty or blank
 * token, configured or in the file, is an error rather than a token that matches an empty header.
 */
public final class AdminToken {
    static final String FILE = "admin.token";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AdminToken() {}

    /** For {@code dgas serve}: the configured token, else the file's, else a new one written to the file. */
    public static String forServer(DgasConfig config) {
        return configured(config).orElseGet(() -> fromFile(config.home()));
    }

    /**
     * For a client's admin call: the configured token, else the file's; never creates the file (a client inventing a
     * token would only make a file the server does not know).
     */
    public static Optional<String> forClient(DgasConfig config) {
        Optional<String> c = configured(config);
        if (c.isPresent()) {
            return c;
        }
        Path file = config.home().resolve(FILE);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    private static Optional<String> configured(DgasConfig config) {
        Optional<Setting> s = config.setting(ConfigKeys.WEB_ADMIN_TOKEN);
        if (s.isPresent() && s.get().value().isBlank()) {
            throw new UnableToConfigureException("key '" + ConfigKeys.WEB_ADMIN_TOKEN + "' ("
                    + s.get().source()
                    + ") is empty; set a token, or unset it to have 'dgas serve' generate one in $DGAS_HOME/" + FILE);
        }
        return s.map(v -> v.value().trim());
    }

    /** The token of {@code home}'s file, created when missing. */
    static String fromFile(Path home) {
        Path file = home.resolve(FILE);
        if (Files.isRegularFile(file)) {
            return read(file);
        }
        try {
            Files.createDirectories(home);
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            String token = HexFormat.of().formatHex(bytes);
            Path tmp = ownerOnlyTempFile(home, FILE);
            try {
                Files.writeString(tmp, token, StandardCharsets.UTF_8);
                Files.createLink(file, tmp); // atomic, and fails when another process created the file first
                return token;
            } catch (FileAlreadyExistsException raced) {
                return read(file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the admin token " + file + ": " + e.getMessage(), e);
        }
    }

    /** A new empty file in {@code dir}, readable and writable by its owner only from the moment it exists. */
    static Path ownerOnlyTempFile(Path dir, String prefix) throws IOException {
        FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        try {
            return Files.createTempFile(dir, prefix, ".tmp", attr);
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: the temporary file is private to its creator there, and so is the directory
            return Files.createTempFile(dir, prefix, ".tmp");
        }
    }

    private static Set<PosixFilePermission> posixPermissions(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return null;
        }
    }

    private static String read(Path file) {
        String token;
        try {
            Set<PosixFilePermission> perms = posixPermissions(file);
            if (perms != null && !OWNER_ONLY.containsAll(perms)) {
                throw new UnableToConfigureException("the admin token file " + file + " is readable by others ("
                        + PosixFilePermissions.toString(perms) + "); make it owner-only (chmod 600) or delete it");
            }
            token = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin token " + file + ": " + e.getMessage(), e);
        }
        if (token.isEmpty()) {
            throw new UnableToConfigureException("the admin token file " + file + " is empty; delete it to have"
                    + " 'dgas serve' generate a new one, or set " + ConfigKeys.WEB_ADMIN_TOKEN);
        }
        return token;
    }
}
