package io.dgas;

/**
 * Marks exceptions caused by what the user gave (a file, a flag, a configuration value) rather than by the system:
 * the CLI exits with status 2 for these, and prints the message without a stack trace.
 */
public interface UserError {}
