package io.sentiflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report for people, as the command prints it: the run's settings, one line per row with its
 * ratio to the limit, the targets with met / NOT met, the scaling comparisons and the sustained
 * figures. The cells and lines are shared with {@link PerformanceMarkdown}. Stateless.
 */
final class ReportTable {

    static final List<String> HEADER = List.of("row", "run", "P", "threads", "texts", "texts/s", "x (0)", "p50 ms",
            "p95 ms", "p99 ms", "cpu ms/text", "load 1m");

    private ReportTable() {}

    static String text(PipelineBenchReport report) {
        StringBuilder text = new StringBuilder();
        settingsLines(report).forEach(line -> text.append(line).append('\n'));
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        report.rows().forEach(row -> lines.add(cells(report, row)));
        int[] widths = new int[HEADER.size()];
        lines.forEach(cells -> {
            for (int i = 0; i < cells.size(); i++) {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        });
        for (List<String> cells : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                // The run's name reads left-aligned, numbers right-aligned.
                String format = i == 1 ? "%-" + widths[i] + "s  " : "%" + widths[i] + "s  ";
                line.append(String.format(Locale.ROOT, format, cells.get(i)));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        report.targets().forEach(target -> text.append(target.describe()).append('\n'));
        report.comparisons().forEach(c -> text.append(String.format(Locale.ROOT, "%s = %.2f%n", c.name(), c.value())));
        report.sustained().forEach(s -> text.append(sustainedLine(s)).append('\n'));
        return text.toString();
    }

    /** One row's cells, in {@link #HEADER}'s order. */
    static List<String> cells(PipelineBenchReport report, BenchRow row) {
        return List.of(row.key(), row.name(), Integer.toString(row.parallelism()), Integer.toString(row.onnxThreads()),
                Long.toString(row.records()), format("%.1f", row.textsPerSecond()),
                format("%.2f", report.toLimit(row)), format("%.1f", row.latency().p50Ms()),
                format("%.1f", row.latency().p95Ms()), format("%.1f", row.latency().p99Ms()),
                Double.isFinite(row.cpuMsPerText()) ? format("%.2f", row.cpuMsPerText()) : "n/a",
                Double.isFinite(row.loadAverage()) ? format("%.2f", row.loadAverage()) : "n/a");
    }

    /** What the run used, in a few lines. */
    static List<String> settingsLines(PipelineBenchReport report) {
        BenchSettings s = report.settings();
        TokenCounts tokens = report.tokens();
        return List.of(
                format("model %s, encoder %s (%s); %d texts, %d warm-up", s.modelVersion(), s.encoder(),
                        s.encoderFile(), s.records(), s.warmupRecords()),
                format("tokens per text: %.1f real; padded %.1f by the job (micro-batches of %d in send order,"
                        + " sub-batches within %d tokens), %.1f by (0) (sorted, batches of 32)",
                        tokens.realPerText(), tokens.jobPaddedPerText(), s.batchSize(), s.tokenBudget(),
                        tokens.limitPaddedPerText()),
                format("ONNX threads per instance %s (by parallelism), %d for (0) and (a); spinning %s;"
                        + " token budget %d", s.onnxThreads(), s.limitOnnxThreads(), s.onnxSpinning() ? "on" : "off",
                        s.tokenBudget()),
                format("micro-batches of %d texts or %d ms; checkpoints every %d ms%s; parallelism %s; %d cores",
                        s.batchSize(), s.batchTimeoutMs(), s.checkpointIntervalMs(),
                        s.unalignedCheckpoints() ? " (unaligned)" : "", s.parallelisms(), s.cores()),
                format("load averages (1/5/15 min): %s at start, %s at end", s.loadAtStart(), s.loadAtEnd()));
    }

    static String sustainedLine(SustainedResult s) {
        return format("%s sustained%s: %.1f texts/s (%.0f%% of %s) for %.1f s, %d texts; to scoredAt p50/p95/p99 ="
                + " %.0f/%.0f/%.0f ms; to visible (commit wait included) %.0f/%.0f/%.0f ms; lag at end %d,"
                + " trend %+.1f records over the run (allowance %.0f): %s", s.key(),
                s.counts() ? "" : " (under " + SustainedResult.MIN_SECONDS + " s: shown, not counted)",
                s.sentPerSecond(), s.rateFraction() * 100, s.key(), s.seconds(), s.sent(), s.toScoredAt().p50Ms(),
                s.toScoredAt().p95Ms(), s.toScoredAt().p99Ms(), s.toVisible().p50Ms(), s.toVisible().p95Ms(),
                s.toVisible().p99Ms(), s.lag().endLag(), s.lag().growth(), s.lag().allowance(),
                s.lag().growing() ? "growing" : "not growing");
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
