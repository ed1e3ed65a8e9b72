package io.sentiflow.bench;

import java.util.List;
import java.util.Map;

/** Reports with round figures, for the arithmetic and rendering tests. */
final class SampleReports {

    static final LatencySummary LATENCY = new LatencySummary(1000, 10, 20, 30);

    private SampleReports() {}

    static BenchRow row(String key, int parallelism, double seconds, double cpuSeconds) {
        return new BenchRow(key, "run " + key, parallelism, 2 / parallelism, 1000, seconds, LATENCY, cpuSeconds, 0.5);
    }

    /** A sustained run with a p99 to scoredAt of {@code p99Ms} and a flat lag, of {@code seconds}. */
    static SustainedResult sustained(String key, double p99Ms, double seconds) {
        LagTrend flat = new LagTrend(List.of(new LagTrend.Sample(0, 100), new LagTrend.Sample(seconds, 100)), 50);
        return new SustainedResult(key, 1, 0.7, 700, seconds, 42000, new LatencySummary(42000, 40, 80, p99Ms),
                new LatencySummary(42000, 5000, 9000, 9900), flat);
    }

    static BenchSettings settings() {
        return new BenchSettings(List.of("bench", "pipeline", "--records", "1000"), 1000, 128, "v1", "int8",
                "the carrier jar's", 2, List.of(1, 2), Map.of(1, 2, 2, 1), 2, false, 512, 32, 50, 10000, true, 0.7,
                60, true, "127.0.0.1:9092", List.of("sent_valid.csv", "topic_valid.csv"),
                new LoadAverage(0.5, 0.6, 0.7), new LoadAverage(1.5, 1.0, 0.8), "2026-01-05T09:00:00Z",
                "2026-01-05T09:10:00Z");
    }

    /**
     * (0) 1000 texts/s, (a) 900; P=1: b 800, c 100; P=2: b 880, c 200; standalone s1 700, s2 840.
     * Sustained p99s: 120 ms (P=1, 60 s) and 400 ms (P=2, 60 s).
     */
    static PipelineBenchReport report() {
        return new PipelineBenchReport(new SourceRevision("abc123", true),
                new MachineFacts(2, "AMD EPYC", false, true, 24L << 30, "OpenJDK 17"), settings(),
                new TokenCounts(1000, 37500, 41000, 38000),
                row("0", 1, 1.0, 2.0), row("a", 1, 1000 / 900.0, 2.2),
                List.of(new ParallelismRun(1, row("b1", 1, 1.25, 2.5), sustained("b1", 120, 60), row("c1", 1, 10, 5)),
                        new ParallelismRun(2, row("b2", 2, 1000 / 880.0, 2.6), sustained("b2", 400, 60),
                                row("c2", 2, 5, 5))),
                List.of(row("s1", 1, 1000 / 700.0, Double.NaN), row("s2", 2, 1000 / 840.0, Double.NaN)),
                List.of("a note"));
    }
}
