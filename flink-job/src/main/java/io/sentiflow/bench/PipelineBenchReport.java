package io.sentiflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one {@code sentiflow bench pipeline} run: row (0) the limit (bare ONNX Runtime on
 * the served encoder graph), (a) the served model called directly, then per parallelism (b) the
 * scoring job with its sustained run and (c) the naive job, and the standalone cluster's rows; the
 * issue's targets; the settings, machine and notes needed to read it. Immutable.
 *
 * @param standalone the scoring job on the standalone cluster, one row per parallelism; empty when not run
 * @param notes how each number was measured, in order
 */
public record PipelineBenchReport(SourceRevision revision, MachineFacts machine, BenchSettings settings,
        TokenCounts tokens, BenchRow limit, BenchRow direct, List<ParallelismRun> runs, List<BenchRow> standalone,
        List<String> notes) {

    /** Issue target: the whole job keeps at least this share of the bare encoder's throughput. */
    public static final double TARGET_JOB_OVER_LIMIT = 0.85;

    /** Issue target: the whole job is at least this many times faster than one model call per record. */
    public static final double TARGET_JOB_OVER_NAIVE = 1.5;

    /** Issue target: p99 of input timestamp to scoredAt at the sustained rate, milliseconds. */
    public static final double TARGET_SUSTAINED_P99_MS = 300;

    /** Another figure worth a line, with no target: one row's throughput over another's. */
    public record Comparison(String name, double value) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public PipelineBenchReport {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(direct, "direct");
        runs = List.copyOf(runs);
        standalone = List.copyOf(standalone);
        notes = List.copyOf(notes);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs the job rows of at least one parallelism");
        }
    }

    /** Every row, in the order they ran: 0, a, then b and c per parallelism, then the standalone ones. */
    public List<BenchRow> rows() {
        List<BenchRow> rows = new ArrayList<>(List.of(limit, direct));
        for (ParallelismRun run : runs) {
            rows.add(run.job());
            rows.add(run.naive());
        }
        rows.addAll(standalone);
        return rows;
    }

    /** A row's throughput over the limit's. */
    public double toLimit(BenchRow row) {
        return row.textsPerSecond() / limit.textsPerSecond();
    }

    /** The targets, per parallelism: b/(0), b/c, sustained p99 to scoredAt, sustained lag not growing. */
    public List<TargetCheck> targets() {
        List<TargetCheck> targets = new ArrayList<>();
        for (ParallelismRun run : runs) {
            String b = run.job().key();
            SustainedResult sustained = run.sustained();
            targets.add(TargetCheck.atLeast(b + "/(0)", toLimit(run.job()), TARGET_JOB_OVER_LIMIT));
            targets.add(TargetCheck.atLeast(b + "/" + run.naive().key(), run.jobOverNaive(), TARGET_JOB_OVER_NAIVE));
            targets.add(TargetCheck.atMost(b + " sustained p99 to scoredAt, ms", sustained.toScoredAt().p99Ms(),
                    TARGET_SUSTAINED_P99_MS, sustained.counts()));
            targets.add(TargetCheck.atMost(b + " sustained lag growth, records", sustained.lag().growth(),
                    sustained.lag().allowance(), sustained.counts()));
        }
        return targets;
    }

    /** Scaling: each parallelism's job over the first's, on this process and on the cluster, and cluster over local. */
    public List<Comparison> comparisons() {
        List<Comparison> comparisons = new ArrayList<>();
        BenchRow firstJob = runs.get(0).job();
        for (ParallelismRun run : runs.subList(1, runs.size())) {
            comparisons.add(ratio(run.job(), firstJob));
        }
        for (BenchRow row : standalone) {
            if (row != standalone.get(0)) {
                comparisons.add(ratio(row, standalone.get(0)));
            }
            runs.stream().filter(run -> run.parallelism() == row.parallelism()).findFirst()
                    .ifPresent(run -> comparisons.add(ratio(row, run.job())));
        }
        return comparisons;
    }

    public List<SustainedResult> sustained() {
        return runs.stream().map(ParallelismRun::sustained).toList();
    }

    /** The report as a JSON tree: revision, machine, settings, tokens, rows, targets, comparisons, sustained, notes. */
    public Map<String, Object> toJsonTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("benchmark", "pipeline");
        tree.put("revision", Map.of("commit", revision.commit(), "dirty", revision.dirty()));
        tree.put("machine", JSON.convertValue(machine, Map.class));
        tree.put("settings", JSON.convertValue(settings, Map.class));
        Map<String, Object> tokenFields = new LinkedHashMap<>(JSON.convertValue(tokens, Map.class));
        tokenFields.put("realPerText", tokens.realPerText());
        tokenFields.put("jobPaddedPerText", tokens.jobPaddedPerText());
        tokenFields.put("limitPaddedPerText", tokens.limitPaddedPerText());
        tree.put("tokens", tokenFields);
        Map<String, Object> rows = new LinkedHashMap<>();
        rows().forEach(row -> rows.put(row.key(), rowFields(row)));
        tree.put("rows", rows);
        tree.put("targets", targets().stream().map(PipelineBenchReport::targetFields).toList());
        Map<String, Object> comparisons = new LinkedHashMap<>();
        comparisons().forEach(c -> comparisons.put(c.name(), c.value()));
        tree.put("comparisons", comparisons);
        tree.put("sustained", sustained().stream().map(PipelineBenchReport::sustainedFields).toList());
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

    private static Comparison ratio(BenchRow row, BenchRow over) {
        return new Comparison(row.key() + "/" + over.key(), row.textsPerSecond() / over.textsPerSecond());
    }

    private Map<String, Object> rowFields(BenchRow row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", row.name());
        fields.put("parallelism", row.parallelism());
        fields.put("onnxThreads", row.onnxThreads());
        fields.put("records", row.records());
        fields.put("wallSeconds", row.wallSeconds());
        fields.put("textsPerSecond", row.textsPerSecond());
        fields.put("toLimit", toLimit(row));
        fields.put("p50Ms", row.latency().p50Ms());
        fields.put("p95Ms", row.latency().p95Ms());
        fields.put("p99Ms", row.latency().p99Ms());
        fields.put("cpuSeconds", finiteOrNull(row.cpuSeconds()));
        fields.put("cpuMsPerText", finiteOrNull(row.cpuMsPerText()));
        fields.put("loadAverage", finiteOrNull(row.loadAverage()));
        return fields;
    }

    private static Map<String, Object> targetFields(TargetCheck target) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", target.name());
        fields.put("value", target.value());
        fields.put(target.atLeast() ? "atLeast" : "atMost", target.bound());
        fields.put("counted", target.counted());
        fields.put("met", target.met());
        return fields;
    }

    private static Map<String, Object> sustainedFields(SustainedResult s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("row", s.key());
        fields.put("parallelism", s.parallelism());
        fields.put("rateFraction", s.rateFraction());
        fields.put("ratePerSecond", s.ratePerSecond());
        fields.put("seconds", s.seconds());
        fields.put("sent", s.sent());
        fields.put("counts", s.counts());
        fields.put("toScoredAt", JSON.convertValue(s.toScoredAt(), Map.class));
        fields.put("toVisible", JSON.convertValue(s.toVisible(), Map.class));
        fields.put("lagAtEnd", s.lag().endLag());
        fields.put("lagSlopePerSecond", s.lag().slopePerSecond());
        fields.put("lagGrowth", s.lag().growth());
        fields.put("lagAllowance", s.lag().allowance());
        fields.put("lagGrowing", s.lag().growing());
        fields.put("lagSamples", s.lag().samples().stream().map(x -> List.of(x.seconds(), x.lag())).toList());
        return fields;
    }

    /** JSON has no NaN: an unknown figure is written as null. */
    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
