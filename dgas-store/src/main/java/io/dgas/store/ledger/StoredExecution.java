package io.dgas.store.ledger;

import io.dgas.ledger.Execution;

/** An execution as stored: its row id, its order and the fill (whose id is the broker execution id). */
public record StoredExecution(long id, long orderId, Execution execution) implements java.io.Serializable {}
