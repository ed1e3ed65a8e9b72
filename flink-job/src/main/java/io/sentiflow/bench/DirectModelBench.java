package io.sentiflow.bench;

import io.sentiflow.model.ScoringModel;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Row (a): the served model (tokenizer, the one-call graph of encoder and heads, sub-batches) called
 * directly from one thread, no Flink and no Kafka. A short sweep picks the batch size with the best
 * texts/s, then every text is scored once in calls of that size, in send order.
 *
 * <p>Latency of a text here is the duration of the model call of its batch: the least a text can
 * wait in any pipeline that uses batches of this size. Not thread-safe; the caller owns the model.
 */
final class DirectModelBench {

    /** Call sizes tried in the sweep (BatchSizeBench and docs/STACK.md found the knee between 16 and 64). */
    static final int[] SWEEP = {8, 16, 32, 64, 128, 256};

    private static final int SWEEP_TEXTS = 512;
    private static final int WARMUP_TEXTS = 64;

    private final ScoringModel model;
    private final int onnxThreads;
    private final Consumer<String> log;

    DirectModelBench(ScoringModel model, int onnxThreads, Consumer<String> log) {
        this.model = model;
        this.onnxThreads = onnxThreads;
        this.log = log;
    }

    /** The measured row and the batch size it used. */
    record Result(BenchRow row, int batchSize) {}

    Result run(List<String> texts) {
        // First calls allocate ONNX Runtime's arenas and JIT the tokenizer path: kept out of every number.
        model.predict(texts.subList(0, Math.min(WARMUP_TEXTS, texts.size())));
        int best = bestBatchSize(texts.subList(0, Math.min(SWEEP_TEXTS, texts.size())));
        double[] latencies = new double[texts.size()];
        double cpuStart = CpuClock.processCpuNanos();
        long start = System.nanoTime();
        for (int from = 0; from < texts.size(); from += best) {
            int to = Math.min(texts.size(), from + best);
            long callStart = System.nanoTime();
            model.predict(texts.subList(from, to));
            double callMs = (System.nanoTime() - callStart) / 1e6;
            for (int i = from; i < to; i++) {
                latencies[i] = callMs;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (CpuClock.processCpuNanos() - cpuStart) / 1e9;
        BenchRow row = new BenchRow("a", "served model, direct calls of " + best, 1, onnxThreads, texts.size(),
                seconds, LatencySummary.of(latencies), cpuSeconds, LoadAverage.now().oneMinute());
        return new Result(row, best);
    }

    private int bestBatchSize(List<String> sample) {
        int best = SWEEP[0];
        double bestRate = 0;
        for (int batchSize : SWEEP) {
            long start = System.nanoTime();
            for (int from = 0; from < sample.size(); from += batchSize) {
                model.predict(sample.subList(from, Math.min(sample.size(), from + batchSize)));
            }
            double rate = sample.size() / ((System.nanoTime() - start) / 1e9);
            log.accept(String.format(Locale.ROOT, "  (a) sweep: calls of %d -> %.1f texts/s", batchSize, rate));
            if (rate > bestRate) {
                bestRate = rate;
                best = batchSize;
            }
        }
        return best;
    }
}
