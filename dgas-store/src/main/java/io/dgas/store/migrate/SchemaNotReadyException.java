package io.dgas.store.migrate;

import io.dgas.DgasException;

/**
 * An external database whose dgas schema is missing or older than the code's migrations: every command but those
 * that report or migrate the schema refuses it up front, instead of failing later on a missing table or column.
 */
public final class SchemaNotReadyException extends DgasException {
    private static final long serialVersionUID = 1L;
    private final String version;
    private final int pending;

    /**
     * @param where the database (a URL without credentials)
     * @param version the applied schema version, or null when the database has no dgas schema
     * @param needed the version the code migrates to
     * @param pending how many of the code's migrations are not applied
     */
    public SchemaNotReadyException(String where, String version, String needed, int pending) {
        super((version == null
                        ? "the database " + where + " has no dgas schema"
                        : "the database " + where + " has the dgas schema at version " + version + ", this dgas needs "
                                + needed)
                + " (" + pending + (pending == 1 ? " migration" : " migrations")
                + " pending): run 'dgas db migrate' on it first");
        this.version = version;
        this.pending = pending;
    }

    /** The applied schema version, or null when there is none. */
    public String version() {
        return version;
    }

    public int pending() {
        return pending;
    }
}
