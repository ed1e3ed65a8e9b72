package io.sentiflow.bench;

import java.util.Objects;

/**
 * One measured row of the pipeline benchmark.
 *
 * @param key short row id: {@code 0}, {@code a}, {@code b1}, {@code c2}, {@code s1}...
 * @param name what ran, for people
 * @param parallelism parallel scoring instances (1 for the rows without Flink)
 * @param onnxThreads ONNX Runtime intra-op threads of each instance
 * @param records how many texts were counted
 * @param wallSeconds the measured span the throughput is computed over
 * @param latency per-record latencies (what each row's latency means is in the report's notes)
 * @param cpuSeconds CPU time this JVM used over the measurement (all its threads), or NaN when unknown
 *     (a row run in other processes)
 * @param loadAverage the machine's 1-minute load average when the row ended
 */
public record BenchRow(String key, String name, int parallelism, int onnxThreads, long records, double wallSeconds,
        LatencySummary latency, double cpuSeconds, double loadAverage) {

    public BenchRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(latency, "latency");
        if (records < 1 || !(wallSeconds > 0) || parallelism < 1 || onnxThreads < 1) {
            throw new IllegalArgumentException("row " + key + " needs records, a span, a parallelism and threads,"
                    + " had " + records + " records in " + wallSeconds + " s, parallelism " + parallelism
                    + ", " + onnxThreads + " threads");
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
