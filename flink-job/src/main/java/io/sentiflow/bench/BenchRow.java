package io.sentiflow.bench;

import java.util.Objects;

/**
 * One measured row of the pipeline benchmark.
 *
 * @param key short row id: {@code a}, {@code b} or {@code c}
 * @param name what ran, for people
 * @param records how many texts were counted
 * @param wallSeconds the measured span the throughput is computed over
 * @param latency per-record latencies (what each row's latency means is in the report's notes)
 * @param cpuSeconds CPU time this JVM used over the measurement (all its threads), or NaN when unknown
 */
public record BenchRow(
        String key, String name, long records, double wallSeconds, LatencySummary latency, double cpuSeconds) {

    public BenchRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(latency, "latency");
        if (records < 1 || !(wallSeconds > 0)) {
            throw new IllegalArgumentException("row " + key + " needs records > 0 and a positive span, had "
                    + records + " records in " + wallSeconds + " s");
        }
    }

    /**
     * This JVM's CPU milliseconds per text: unlike texts/s it hardly changes with other work on the
     * machine, so rows measured at different loads can still be compared.
     */
    public double cpuMsPerText() {
        return cpuSeconds * 1000 / records;
    }

    /** Sustained throughput: records divided by the measured span. */
    public double textsPerSecond() {
        return records / wallSeconds;
    }
}
