package io.sentiflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one {@code sentiflow bench pipeline} run: rows (a) encoder alone, (b) the whole
 * job, (c) the naive job; the ratios b/a and b/c against the targets; the settings and
 * notes needed to read it. Immutable.
 *
 * @param settings what the run used (records, parallelism, model version, batch size...), in order
 * @param notes how each number was measured, in order
 */
public record PipelineBenchReport(
        BenchRow encoder, BenchRow job, BenchRow naive, Map<String, Object> settings, List<String> notes) {

    /** Issue target: the whole job keeps at least this share of the encoder's own throughput. */
    public static final double TARGET_JOB_OVER_ENCODER = 0.85;

    /** Issue target: the whole job is at least this many times faster than one model call per record. */
    public static final double TARGET_JOB_OVER_NAIVE = 5.0;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public PipelineBenchReport {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(naive, "naive");
        // A copy that keeps the caller's order, so the JSON reads in the order the settings were given.
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        notes = List.copyOf(notes);
    }

    /** b/a: the whole job's throughput over the encoder's. */
    public double jobOverEncoder() {
        return job.textsPerSecond() / encoder.textsPerSecond();
    }

    /** b/c: the whole job's throughput over the naive job's. */
    public double jobOverNaive() {
        return job.textsPerSecond() / naive.textsPerSecond();
    }

    /** b/a from CPU time per text instead of wall time: a's CPU ms per text over b's. */
    public double cpuJobOverEncoder() {
        return encoder.cpuMsPerText() / job.cpuMsPerText();
    }

    /** b/c from CPU time per text instead of wall time: c's CPU ms per text over b's. */
    public double cpuJobOverNaive() {
        return naive.cpuMsPerText() / job.cpuMsPerText();
    }

    /** The table for people: one line per row, then the ratios with their targets. */
    public String table() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%-3s %-44s %8s %10s %10s %10s %10s %12s%n",
                "", "run", "texts", "texts/s", "p50 ms", "p95 ms", "p99 ms", "cpu ms/text"));
        for (BenchRow row : List.of(encoder, job, naive)) {
            text.append(String.format(Locale.ROOT, "%-3s %-44s %8d %10.1f %10.1f %10.1f %10.1f %12.2f%n",
                    row.key(), row.name(), row.records(), row.textsPerSecond(), row.latency().p50Ms(),
                    row.latency().p95Ms(), row.latency().p99Ms(), row.cpuMsPerText()));
        }
        text.append(ratioLine("b/a", jobOverEncoder(), TARGET_JOB_OVER_ENCODER));
        text.append(ratioLine("b/c", jobOverNaive(), TARGET_JOB_OVER_NAIVE));
        text.append(String.format(Locale.ROOT, "by CPU time per text (less sensitive to other load on the machine):"
                + " b/a = %.2f, b/c = %.2f%n", cpuJobOverEncoder(), cpuJobOverNaive()));
        return text.toString();
    }

    /** The report as a JSON tree: {@code settings}, {@code rows} (a, b, c), {@code ratios}, {@code notes}. */
    public Map<String, Object> toJsonTree() {
        Map<String, Object> rows = new LinkedHashMap<>();
        for (BenchRow row : List.of(encoder, job, naive)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", row.name());
            fields.put("records", row.records());
            fields.put("wallSeconds", row.wallSeconds());
            fields.put("textsPerSecond", row.textsPerSecond());
            fields.put("p50Ms", row.latency().p50Ms());
            fields.put("p95Ms", row.latency().p95Ms());
            fields.put("p99Ms", row.latency().p99Ms());
            fields.put("cpuSeconds", finiteOrNull(row.cpuSeconds()));
            fields.put("cpuMsPerText", finiteOrNull(row.cpuMsPerText()));
            rows.put(row.key(), fields);
        }
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("b/a", ratio(jobOverEncoder(), TARGET_JOB_OVER_ENCODER));
        ratios.put("b/c", ratio(jobOverNaive(), TARGET_JOB_OVER_NAIVE));
        ratios.put("b/a by cpu", finiteOrNull(cpuJobOverEncoder()));
        ratios.put("b/c by cpu", finiteOrNull(cpuJobOverNaive()));
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("benchmark", "pipeline");
        tree.put("settings", settings);
        tree.put("rows", rows);
        tree.put("ratios", ratios);
        tree.put("notes", notes);
        return tree;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(toJsonTree());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the benchmark report as JSON", e);
        }
    }

    /** Writes {@link #toJson()} to {@code file}, creating its folder. */
    public void write(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Files.writeString(file, toJson() + System.lineSeparator());
    }

    /** JSON has no NaN: an unknown CPU time is written as null. */
    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Map<String, Object> ratio(double value, double target) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("value", value);
        fields.put("target", target);
        fields.put("met", value >= target);
        return fields;
    }

    private static String ratioLine(String name, double value, double target) {
        return String.format(Locale.ROOT, "%s = %.2f (target >= %.2f: %s)%n",
                name, value, target, value >= target ? "met" : "NOT met");
    }
}
