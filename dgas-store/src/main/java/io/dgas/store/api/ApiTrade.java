package io.dgas.store.api;

/**
 * One trade from the API's tick history.
 *
 * @param millis trade time, epoch milliseconds
 * @param price trade price
 * @param size traded quantity
 */
public record ApiTrade(long millis, double price, double size) {}
