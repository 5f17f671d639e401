package io.dgas.app.news;

/**
 * What one news load did.
 *
 * @param source file name (or {@code upload}) as named in messages
 * @param rowsRead data rows read (header excluded)
 * @param inserted rows stored
 * @param unchanged rows whose url was stored already (a re-load is a no-op)
 */
public record NewsReport(String source, long rowsRead, long inserted, long unchanged) {}
