package io.dgas.store.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * Suggests a size and TTL per region from what the region saw: hits, misses, evictions and how full it is.
 *
 * <p>Design notes: Caffeine counts size and expiry removals together as evictions, so the fill level tells them
 * apart. A full region that keeps evicting is short of room (double the size). A region far from full whose lookups
 * still miss loses entries to expiry before they are reused (double the TTL, if the data may be that old). A region
 * with traffic that never fills a quarter of its bound holds memory it does not use (shrink to twice what it holds,
 * at least 50). Fewer than 100 lookups are too few to judge.
 */
public final class CacheAdvisor {
    static final long MIN_LOOKUPS = 100;

    private CacheAdvisor() {}

    /** One suggestion; equal old and new values mean "keep". */
    public record Advice(
            String region, long size, long suggestedSize, long ttlSeconds, long suggestedTtlSeconds, String reason) {}

    public static List<Advice> advise(List<RegionStats> stats) {
        List<Advice> out = new ArrayList<>();
        for (RegionStats s : stats) {
            long lookups = s.hits() + s.misses();
            double fill = s.maxEntries() == 0 ? 0 : (double) s.size() / s.maxEntries();
            long size = s.maxEntries();
            long ttl = s.ttlSeconds();
            String reason;
            if (lookups < MIN_LOOKUPS) {
                reason = "too little traffic to judge (" + lookups + " lookups)";
            } else if (fill >= 0.9 && s.evictions() > 0.1 * s.misses()) {
                size = size * 2;
                reason = "full and evicting (" + s.evictions() + " evictions): more room";
            } else if (fill < 0.5 && s.hitRate() < 0.8) {
                ttl = ttl * 2;
                reason = String.format(
                        java.util.Locale.ROOT,
                        "hit rate %.0f%% with room to spare: entries expire before reuse",
                        100 * s.hitRate());
            } else if (fill < 0.25) {
                size = Math.max(50, s.size() * 2);
                reason = "never more than a quarter full: smaller bound";
            } else {
                reason = String.format(java.util.Locale.ROOT, "fine (hit rate %.0f%%)", 100 * s.hitRate());
            }
            out.add(new Advice(s.region(), s.maxEntries(), size, s.ttlSeconds(), ttl, reason));
        }
        return out;
    }
}
