package io.dgas.store.ledger;

import java.util.List;

/** A portfolio with its positions (by symbol) and its latest trades with their executions (newest first). */
public record PortfolioView(Portfolio portfolio, List<StoredPosition> positions, List<Trade> trades)
        implements java.io.Serializable {}
