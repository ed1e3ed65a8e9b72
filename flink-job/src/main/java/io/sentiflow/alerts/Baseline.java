package io.sentiflow.alerts;

/**
 * A key's normal negative share and its spread, learned from the key's calm windows with
 * exponential decay (time constant {@code baseline.history}), starting from a prior so a key
 * without history is judged against {@code baseline.prior-share}.
 *
 * <p>The level is a count-weighted mean: sparse windows weigh little, which keeps entities seen
 * a few times an hour from having a level of 0 or 1. The spread has two parts: counting noise,
 * {@code p(1-p)/n} for a window of n texts, and the key's own excess variance between windows,
 * learned from squared residuals that are first clipped to {@code z-threshold} spreads so one
 * odd window cannot widen it much. Immutable; config is passed in, not stored, to keep state small.
 *
 * @param weight decayed number of texts learned from (each text counts once over its windows)
 * @param negatives decayed number of negative texts learned from
 * @param excessWeight decayed weight of the residuals learned from
 * @param excessSum decayed weighted sum of the residuals' excess variance
 * @param updatedAt end of the last window learned from, or {@link Long#MIN_VALUE} if none
 */
public record Baseline(double weight, double negatives, double excessWeight, double excessSum, long updatedAt) {

    public static Baseline fresh() {
        return new Baseline(0, 0, 0, 0, Long.MIN_VALUE);
    }

    /** The normal negative share: the prior blended with the decayed history. */
    public double share(AlertConfig config) {
        return (config.priorShare() * config.priorWeight() + negatives) / (config.priorWeight() + weight);
    }

    /** Variance of the share between windows beyond counting noise, at least {@code min-spread}^2. */
    public double excessVariance(AlertConfig config) {
        double prior = config.priorSpread() * config.priorSpread();
        double learned = (prior * config.priorWeight() + excessSum) / (config.priorWeight() + excessWeight);
        return Math.max(config.minSpread() * config.minSpread(), learned);
    }

    /** The spread expected for a window of {@code count} texts. */
    public double spread(int count, AlertConfig config) {
        double p = share(config);
        return Math.sqrt(p * (1 - p) / Math.max(1, count) + excessVariance(config));
    }

    /** How many spreads {@code windowShare} lies above the baseline. */
    public double zScore(double windowShare, int count, AlertConfig config) {
        return (windowShare - share(config)) / spread(count, config);
    }

    /** The baseline after learning from one calm window of {@code count} texts ending at {@code windowEnd}. */
    public Baseline learn(long windowEnd, int count, int negativeCount, AlertConfig config) {
        if (count <= 0) {
            return this;
        }
        double decay = updatedAt == Long.MIN_VALUE
                ? 1.0
                : Math.exp(-Math.max(0, windowEnd - updatedAt) / (double) config.baselineHistory().toMillis());
        // A text lies in size/slide windows; weigh each window by slide/size so a text counts once.
        double w = count * (double) config.windowSlideMs() / config.windowSizeMs();
        double p = share(config);
        double limit = config.zThreshold() * spread(count, config);
        double clipped = Math.max(p - limit, Math.min(p + limit, negativeCount / (double) count));
        double residual = clipped - p;
        double excess = residual * residual - p * (1 - p) / count;
        return new Baseline(
                weight * decay + w,
                negatives * decay + w * clipped,
                excessWeight * decay + w,
                excessSum * decay + w * excess,
                windowEnd);
    }
}
