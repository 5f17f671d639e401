package io.dgas.store.migrate;

import io.dgas.DgasException;

/**
 * An external database whose dgas schema is missing, older than the code's migrations or newer than them: every
 * command but those that report or migrate the schema refuses it up front, instead of failing later on a missing (or
 * changed) table or column.
 */
public final class SchemaNotReadyException extends DgasException {
    private static final long serialVersionUID = 1L;
    private final String version;

    private SchemaNotReadyException(String message, String version) {
        super(message);
        this.version = version;
    }

    /**
     * @param where the database (a URL without credentials)
     * @param version the applied schema version, or null when the database has no dgas schema
     * @param needed the version the code migrates to
     * @param pending how many of the code's migrations are not applied
     */
    static SchemaNotReadyException behind(String where, String version, String needed, int pending) {
        return new SchemaNotReadyException(
                (version == null
                                ? "the database " + where + " has no dgas schema"
                                : "the database " + where + " has the dgas schema at version " + version
                                        + ", this dgas needs " + needed)
                        + " (" + pending + (pending == 1 ? " migration" : " migrations")
                        + " pending): run 'dgas db migrate' on it first",
                version);
    }

    /** A schema migrated by a newer dgas than this one, whose code would not know its tables. */
    static SchemaNotReadyException ahead(String where, String version, String newest) {
        return new SchemaNotReadyException(
                "the database " + where + " has the dgas schema at version " + version + ", newer than this dgas"
                        + " knows (" + newest + "): run the dgas that migrated it, or a newer one",
                version);
    }

    /** The applied schema version, or null when there is none. */
    public String version() {
        return version;
    }
}
