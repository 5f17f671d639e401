package io.dgas.store.ledger;

import java.util.List;

/** An order with its executions, oldest first. */
public record Trade(StoredOrder order, List<StoredExecution> executions) implements java.io.Serializable {}
