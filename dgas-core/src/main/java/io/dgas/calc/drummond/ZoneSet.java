package io.dgas.calc.drummond;

/**
 * Drummond zones (drummond.md §5) in ascending price order, with the tolerance and its inputs.
 *
 * @param center zone midpoints
 * @param lower lowest projected price per zone
 * @param upper highest projected price per zone
 * @param type {@link DrummondLines#RESISTANCE} or {@link DrummondLines#SUPPORT}
 * @param strength number of lines per zone
 * @param tolerance chaining tolerance used
 * @param avgRange mean (high − low) of the bars used
 * @param lastEnvelopeWidth envelope width at the analysis bar (NaN during warm-up)
 */
public record ZoneSet(
        double[] center,
        double[] lower,
        double[] upper,
        int[] type,
        int[] strength,
        double tolerance,
        double avgRange,
        double lastEnvelopeWidth) {

    public int size() {
        return center.length;
    }
}
