package io.dgas.store.news;

import java.time.Instant;

/** A news item with its sentiment score, −1 (negative) … 1 (positive). */
public record NewsItem(
        String symbol, Instant publishedAt, String source, String url, String headline, double sentiment) {}
