package io.dgas.store.ingest;

import io.dgas.domain.Timeframe;

/** The parsed, validated values of one bar line; reused from line to line to keep ingest allocation-free. */
final class BarRow {
    String ticker;
    Timeframe timeframe;
    long tsMicros;
    double open;
    double high;
    double low;
    double close;
    double volume;
}
