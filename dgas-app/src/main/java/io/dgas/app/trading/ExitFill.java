package io.dgas.app.trading;

import io.dgas.ledger.Execution;

/** A position closed by its stop or target within a bar. */
public record ExitFill(Execution execution, String reason) {}
