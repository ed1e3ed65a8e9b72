package io.sentiflow.bench;

import java.util.Arrays;

/**
 * Percentiles of per-record latencies in milliseconds, by the nearest-rank method (the smallest
 * measured value with at least p percent of the values at or below it), so every reported number
 * is one a record really saw.
 *
 * @param count how many latencies were summarised
 */
public record LatencySummary(int count, double p50Ms, double p95Ms, double p99Ms) {

    public LatencySummary {
        if (count < 1) {
            throw new IllegalArgumentException("a latency summary needs at least one value, had " + count);
        }
    }

    /** Summarises {@code latenciesMs}; the array is copied, not changed. */
    public static LatencySummary of(double[] latenciesMs) {
        if (latenciesMs.length == 0) {
            throw new IllegalArgumentException("no latencies to summarise");
        }
        double[] sorted = latenciesMs.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99));
    }

    /** The nearest-rank {@code p}-th percentile of ascending {@code sorted}, 0 < p <= 100. */
    static double percentile(double[] sorted, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }
}
