package io.sentiflow.evaluation;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TokenBatch;
import io.sentiflow.model.TokenEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Speed harness (not a test): texts per second and per-batch latency of the whole model
 * (tokenizer, encoder, heads) next to the bare ONNX Runtime session of the original encoder fed
 * pre-tokenized batches of the same texts, for each batch size, in one run. When the version
 * carries its own encoder file (a fine-tuned export), its bare session runs on the same batches,
 * alternating batch by batch with the original's so both see the same machine load; the ratio of
 * the two is the figure to compare (the shared machine's load swings absolute numbers). Each
 * measurement follows a warm-up pass.
 */
public final class ModelBenchmark {

    /**
     * One batch size's figures; latencies in milliseconds.
     *
     * @param ownTextsPerSecond the version's own encoder file, bare; empty when it has none
     * @param ownToOriginal the median over batches of the original's time over the own encoder's on
     *     the same batch (1.0 = as fast; paired and median, so a load spike on the shared machine
     *     during a few batches does not decide it); empty when it has none
     */
    public record Row(int batchSize, double modelTextsPerSecond, double modelP50Ms, double modelP95Ms,
            double bareTextsPerSecond, double bareP50Ms, double bareP95Ms, OptionalDouble ownTextsPerSecond,
            OptionalDouble ownToOriginal) {

        /** How many times slower the whole model is than the bare session. */
        public double slowdown() {
            return bareTextsPerSecond / modelTextsPerSecond;
        }
    }

    private final EncoderFiles original;
    private final Optional<EncoderFiles> own;
    private final int intraOpThreads;

    /**
     * @param original the carrier's encoder files of the version's kind
     * @param own the version's own encoder files of that kind, if it has them
     */
    public ModelBenchmark(EncoderFiles original, Optional<EncoderFiles> own, int intraOpThreads) {
        this.original = original;
        this.own = own;
        this.intraOpThreads = intraOpThreads;
    }

    /** Measures {@code model} and the bare sessions on {@code texts} for each batch size. */
    public List<Row> run(ScoringModel model, List<String> texts, int[] batchSizes, Consumer<Row> onRow)
            throws OrtException {
        List<Row> rows = new ArrayList<>();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (TokenEncoder tokenizer = TokenEncoder.open(original, 1);
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            try (OrtSession originalSession = env.createSession(original.model().toString(), options);
                    OrtSession ownSession = own.isPresent() ? env.createSession(own.get().model().toString(), options) : null) {
                for (int batchSize : batchSizes) {
                    List<List<String>> batches = chunks(texts, batchSize);
                    List<TokenBatch> tokenized = batches.stream().map(tokenizer::tokenize).toList();
                    double[] modelTimes = time(batches, model::predict);
                    double[][] bareTimes = ownSession == null
                            ? new double[][] {time(tokenized, batch -> runBare(env, originalSession, batch))}
                            : timeAlternating(tokenized, batch -> runBare(env, originalSession, batch),
                                    batch -> runBare(env, ownSession, batch));
                    Row row = new Row(batchSize, texts.size() / (sum(modelTimes) / 1000), percentile(modelTimes, 50),
                            percentile(modelTimes, 95), texts.size() / (sum(bareTimes[0]) / 1000),
                            percentile(bareTimes[0], 50), percentile(bareTimes[0], 95), ownSession == null
                                    ? OptionalDouble.empty() : OptionalDouble.of(texts.size() / (sum(bareTimes[1]) / 1000)),
                            ownSession == null ? OptionalDouble.empty() : OptionalDouble.of(medianRatio(bareTimes[0], bareTimes[1])));
                    rows.add(row);
                    onRow.accept(row);
                }
            }
        }
        return rows;
    }

    private static <T> double[] time(List<T> batches, Consumer<T> action) {
        action.accept(batches.get(0)); // warm-up: first runs allocate arenas and JIT-compile
        double[] millis = new double[batches.size()];
        for (int i = 0; i < batches.size(); i++) {
            millis[i] = timeOnce(action, batches.get(i));
        }
        return millis;
    }

    /** Both actions on every batch, the one going first swapping each batch: {@code [a times, b times]}. */
    private static <T> double[][] timeAlternating(List<T> batches, Consumer<T> a, Consumer<T> b) {
        a.accept(batches.get(0));
        b.accept(batches.get(0));
        double[][] millis = new double[2][batches.size()];
        for (int i = 0; i < batches.size(); i++) {
            if (i % 2 == 0) {
                millis[0][i] = timeOnce(a, batches.get(i));
                millis[1][i] = timeOnce(b, batches.get(i));
            } else {
                millis[1][i] = timeOnce(b, batches.get(i));
                millis[0][i] = timeOnce(a, batches.get(i));
            }
        }
        return millis;
    }

    private static <T> double timeOnce(Consumer<T> action, T batch) {
        long start = System.nanoTime();
        action.accept(batch);
        return (System.nanoTime() - start) / 1e6;
    }

    private static void runBare(OrtEnvironment env, OrtSession session, TokenBatch batch) {
        int width = batch.maxLength();
        long[][] ids = new long[batch.size()][width];
        long[][] mask = new long[batch.size()][width];
        for (int row = 0; row < batch.size(); row++) {
            long[] sequence = batch.ids().get(row);
            System.arraycopy(sequence, 0, ids[row], 0, sequence.length);
            Arrays.fill(mask[row], 0, sequence.length, 1L);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
            inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[batch.size()][width]));
            try (OrtSession.Result result = session.run(inputs)) {
                result.get(0);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Bare ONNX Runtime session failed", e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static List<List<String>> chunks(List<String> texts, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += size) {
            out.add(texts.subList(from, Math.min(texts.size(), from + size)));
        }
        return out;
    }

    private static double medianRatio(double[] numerators, double[] denominators) {
        double[] ratios = new double[numerators.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = numerators[i] / denominators[i];
        }
        return percentile(ratios, 50);
    }

    private static double sum(double[] values) {
        return Arrays.stream(values).sum();
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
