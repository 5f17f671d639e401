package io.dgas.store.ingest;

/** The parsed values of one tick line, reused line to line; absent quote values are NaN. */
final class TickRow {
    long tsMicros;
    double price;
    double size;
    /** bid, ask, bid_size, ask_size. */
    final double[] quote = new double[4];
}
