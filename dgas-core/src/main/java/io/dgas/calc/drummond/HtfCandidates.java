package io.dgas.calc.drummond;

/**
 * One replay's higher-timeframe confluence candidates (drummond.md §6: its envelope rows and its window's Drummond
 * zones at HTF bar j), kept while they cannot have changed: a higher-timeframe bar spans several trading bars (5
 * daily bars a week, 15 one-minute bars a quarter hour), and at each of them the candidates are the same.
 *
 * <p>Design note: the candidates are a function of the envelope rows j − rows + 1..j, the lines of the zone window
 * with their prices, the tolerance at j and the settings. So they are reused exactly when the rows hold the same
 * values (compared bit for bit, 4 × rows doubles), the {@link ZoneIndex} reports the same version (the same lines
 * at the same prices), and the tolerance and settings are equal: a replaced forming bar, a rebuilt analysis or
 * another series all fail one of these and rebuild them. The candidates stay at the start of a {@link ConfluenceZones}
 * of this instance, {@link ConfluenceZones#mark marked}; each call rewinds to them, and the trading timeframe's
 * candidates follow. Not thread-safe; one per replay.
 */
final class HtfCandidates {
    private final ConfluenceZones cz = new ConfluenceZones(0.0, 1024);
    private final ConfluenceSweep sweep = new ConfluenceSweep();
    /** Whether {@link #sweep} holds the candidates of {@link #cz} (false from each rebuild on). */
    private boolean kept;

    private boolean valid;
    private long version;
    private long toleranceBits;
    private MtfParams params;
    /** The rows' upper, lower, centre and width, row by row. */
    private double[] rows = new double[0];

    private int rowCount;

    /**
     * A {@link ConfluenceZones} holding exactly the candidates of {@code htf} at bar {@code j}: the envelope rows
     * and the zones of {@code index}'s window (as {@link MultiTimeframe} adds them), ready for the trading ones.
     */
    ConfluenceZones at(DrummondAnalysis htf, int j, MtfParams p, ZoneIndex index) {
        long v = index.sync(htf, j, p.zoneLookbackBars());
        double tolerance = htf.tolerance(j);
        int from = Math.max(j - p.envelopeRows() + 1, 0);
        if (valid
                && v >= 0
                && v == version
                && Double.doubleToRawLongBits(tolerance) == toleranceBits
                && p.equals(params)
                && sameRows(htf, from, j)) {
            return cz.rewind();
        }
        cz.reset(p.confluencePct());
        kept = false;
        cz.addEnvelope(0, p.htfWeight(), htf.upper(), htf.lower(), htf.pldot(), htf.width(), from, j);
        if (v < 0) {
            cz.addZones(0, p.htfWeight(), htf.zonesAt(j, p.zoneLookbackBars()));
            valid = false;
        } else {
            index.sweepInto(cz, 0, p.htfWeight(), tolerance);
            valid = true;
            version = v;
            toleranceBits = Double.doubleToRawLongBits(tolerance);
            params = p;
            keepRows(htf, from, j);
        }
        cz.premerge();
        cz.mark();
        return cz;
    }

    /**
     * The confluence zones at trading bar {@code k} with the higher timeframe's candidates at {@code j} kept: {@link
     * ConfluenceZones#build} of both timeframes' candidates as {@link MultiTimeframe} adds them, the trading ones
     * clustered as they are swept ({@link ConfluenceSweep}).
     */
    ZoneTable zones(
            DrummondAnalysis htf,
            int j,
            DrummondAnalysis trading,
            int k,
            MtfParams p,
            ZoneIndex htfIndex,
            ZoneIndex tradingIndex) {
        ConfluenceZones c = at(htf, j, p, htfIndex);
        if (!kept) {
            sweep.keepHigher(c);
            kept = true;
        }
        int from = k - p.envelopeRows() + 1;
        double w = p.tradingWeight();
        sweep.begin(1, w, trading, from, k);
        tradingIndex.addTo(sweep, 1, w, trading, k, p.zoneLookbackBars());
        ZoneTable zones = sweep.finish();
        if (zones != null) {
            return zones;
        }
        c.rewind().addEnvelope(1, w, trading.upper(), trading.lower(), trading.pldot(), trading.width(), from, k);
        tradingIndex.addTo(c, 1, w, trading, k, p.zoneLookbackBars());
        c.premerge();
        return c.build();
    }

    private boolean sameRows(DrummondAnalysis a, int from, int to) {
        if (to - from + 1 != rowCount) {
            return false;
        }
        for (int i = from, r = 0; i <= to; i++, r += 4) {
            if (bits(a.upper()[i]) != bits(rows[r])
                    || bits(a.lower()[i]) != bits(rows[r + 1])
                    || bits(a.pldot()[i]) != bits(rows[r + 2])
                    || bits(a.width()[i]) != bits(rows[r + 3])) {
                return false;
            }
        }
        return true;
    }

    private void keepRows(DrummondAnalysis a, int from, int to) {
        rowCount = Math.max(0, to - from + 1);
        if (rows.length < 4 * rowCount) {
            rows = new double[4 * rowCount];
        }
        for (int i = from, r = 0; i <= to; i++, r += 4) {
            rows[r] = a.upper()[i];
            rows[r + 1] = a.lower()[i];
            rows[r + 2] = a.pldot()[i];
            rows[r + 3] = a.width()[i];
        }
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }
}
