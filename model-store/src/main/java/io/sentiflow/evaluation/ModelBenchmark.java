package io.sentiflow.evaluation;

import ai.onnxruntime.OrtException;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.ServingSettings;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Speed harness (not a test): texts per second and per-call latency of the whole model (tokenizer,
 * one-call graph, sub-batching) for calls of each size, next to a reference measured in the same
 * run: bare ONNX Runtime on the served encoder graph alone, tokenizing included, texts sorted by
 * token count in batches of {@value BareEncoder#BATCH} ({@link BareEncoder}). A reference pass runs
 * before the first model pass and after each one; a pass's ratio is its speed over the mean of the
 * two reference passes around it, so the shared machine's load swings mostly cancel out of it
 * (absolute numbers swing; compare ratios). When the version carries its own encoder file, the carrier's original
 * encoder runs bare after each reference pass too, for its ratio to the version's own.
 */
public final class ModelBenchmark {

    /**
     * One line of the table; latencies in milliseconds, per model call or per reference batch.
     *
     * @param textsPerCall texts per model call, or per bare batch for the reference rows
     * @param toReference texts/s over the bare served encoder's (1 for the reference itself)
     */
    public record Row(String name, int textsPerCall, double textsPerSecond, double p50Ms, double p95Ms,
            double toReference) {}

    private final EncoderFiles served;
    private final Optional<EncoderFiles> original;
    private final ServingSettings settings;
    private final TextNormalization normalization;

    /**
     * @param served the encoder files the version is served with (its own, or the carrier's)
     * @param original the carrier's files of the same kind when the version has its own, else empty
     * @param settings the model's threads and spinning, given to the bare sessions too
     * @param normalization the version's, so the bare sessions see the texts as the model does
     */
    public ModelBenchmark(EncoderFiles served, Optional<EncoderFiles> original, ServingSettings settings,
            TextNormalization normalization) {
        this.served = served;
        this.original = original;
        this.settings = settings;
        this.normalization = normalization;
    }

    /**
     * The reference row(s), then one row per call size, in that order. Each of {@code rounds} rounds
     * measures every call size once; a model row gives the median over the rounds of its texts/s and
     * of its ratio, and its latency over all of its calls.
     */
    public List<Row> run(ScoringModel model, List<String> texts, int[] callSizes, int rounds) throws OrtException {
        try (TextTokenizer tokenizer = TextTokenizer.open(served.kind(), normalization);
                BareEncoder bare = new BareEncoder(served, settings);
                BareEncoder originalBare = original.isPresent() ? new BareEncoder(original.get(), settings) : null) {
            bare.pass(tokenizer, texts.subList(0, Math.min(texts.size(), BareEncoder.BATCH))); // warm-up
            List<BareEncoder.Pass> reference = new ArrayList<>(List.of(bare.pass(tokenizer, texts)));
            List<BareEncoder.Pass> originals = new ArrayList<>();
            double[][] speeds = new double[callSizes.length][rounds];
            double[][] ratios = new double[callSizes.length][rounds];
            List<List<Double>> latencies = new ArrayList<>();
            for (int size : callSizes) {
                latencies.add(new ArrayList<>());
                model.predict(texts.subList(0, Math.min(size, texts.size()))); // warm-up
            }
            for (int round = 0; round < rounds; round++) {
                for (int c = 0; c < callSizes.length; c++) {
                    double[] millis = time(model, texts, callSizes[c]);
                    Arrays.stream(millis).forEach(latencies.get(c)::add);
                    BareEncoder.Pass before = reference.get(reference.size() - 1);
                    reference.add(bare.pass(tokenizer, texts));
                    if (originalBare != null) {
                        originals.add(originalBare.pass(tokenizer, texts));
                    }
                    speeds[c][round] = texts.size() / (sum(millis) / 1000);
                    ratios[c][round] = speeds[c][round]
                            / ((before.textsPerSecond() + reference.get(reference.size() - 1).textsPerSecond()) / 2);
                }
            }
            List<Row> rows = new ArrayList<>();
            rows.add(summary("bare encoder (reference)", reference, 1.0));
            if (!originals.isEmpty()) {
                rows.add(summary("bare original encoder", originals,
                        median(originals) / median(reference.subList(1, reference.size()))));
            }
            for (int c = 0; c < callSizes.length; c++) {
                double[] calls = latencies.get(c).stream().mapToDouble(Double::doubleValue).toArray();
                rows.add(new Row("model, calls of " + callSizes[c], callSizes[c], percentile(speeds[c], 50),
                        percentile(calls, 50), percentile(calls, 95), percentile(ratios[c], 50)));
            }
            return rows;
        }
    }

    /** Calls of {@code size} texts, in input order. */
    private static double[] time(ScoringModel model, List<String> texts, int size) {
        double[] millis = new double[(texts.size() + size - 1) / size];
        for (int i = 0; i < millis.length; i++) {
            List<String> call = texts.subList(i * size, Math.min(texts.size(), (i + 1) * size));
            long start = System.nanoTime();
            model.predict(call);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    /** Median texts/s of the passes; latency over all their batches. */
    private static Row summary(String name, List<BareEncoder.Pass> passes, double toReference) {
        double[] batches = passes.stream().flatMapToDouble(p -> Arrays.stream(p.batchMillis())).toArray();
        return new Row(name, BareEncoder.BATCH, median(passes), percentile(batches, 50), percentile(batches, 95),
                toReference);
    }

    private static double median(List<BareEncoder.Pass> passes) {
        return percentile(passes.stream().mapToDouble(BareEncoder.Pass::textsPerSecond).toArray(), 50);
    }

    private static double sum(double[] values) {
        return Arrays.stream(values).sum();
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }
}
