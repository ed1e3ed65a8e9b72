package io.sentiflow.evaluation;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.ServingSettings;
import io.sentiflow.model.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The benchmark's reference: ONNX Runtime's own Java API on an encoder graph alone (no DJL, no
 * heads, nothing copied out), with the model's threads and spinning, fed the texts the fastest plain
 * way measured here (docs/STACK.md): tokenized, sorted by token count, in batches of {@link #BATCH}.
 *
 * <p>Public because the pipeline benchmark's limit row runs this same reference. Create it after a
 * model is loaded in the process: DJL's ONNX Runtime engine creates the process's environment with its
 * own thread options and fails ("one already exists") if this class made it first. Not thread safe;
 * the creator closes it, which closes the session and its options.
 */
public final class BareEncoder implements AutoCloseable {

    public static final int BATCH = 32;

    /** One pass over the texts: throughput including tokenizing, and each batch's session time. */
    public record Pass(double textsPerSecond, double[] batchMillis) {}

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession.SessionOptions options;
    private final OrtSession session;

    /** A session on {@code encoder}'s graph with {@code settings}' threads and spinning (its token budget is unused). */
    public BareEncoder(EncoderFiles encoder, ServingSettings settings) throws OrtException {
        options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", settings.allowSpinning() ? "1" : "0");
            session = env.createSession(encoder.model().toString(), options);
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** Tokenizes {@code texts} with {@code tokenizer}, sorts them by length and runs the batches. */
    public Pass pass(TextTokenizer tokenizer, List<String> texts) {
        long start = System.nanoTime();
        List<long[]> ids = tokenizer.tokenize(texts).ids();
        List<int[]> batches = batches(ids);
        double[] millis = new double[batches.size()];
        for (int b = 0; b < millis.length; b++) {
            long batchStart = System.nanoTime();
            run(ids, batches.get(b));
            millis[b] = (System.nanoTime() - batchStart) / 1e6;
        }
        return new Pass(texts.size() / ((System.nanoTime() - start) / 1e9), millis);
    }

    /** Tokens a {@link #pass} runs for these token ids: each batch's rows x its longest row. */
    public static long paddedTokens(List<long[]> ids) {
        long padded = 0;
        for (int[] rows : batches(ids)) {
            padded += (long) rows.length * Arrays.stream(rows).map(row -> ids.get(row).length).max().orElse(0);
        }
        return padded;
    }

    /** Row indices sorted by token count, cut into batches of {@link #BATCH}. */
    private static List<int[]> batches(List<long[]> ids) {
        int[] order = IntStream.range(0, ids.size()).boxed().sorted(Comparator.comparingInt(i -> ids.get(i).length))
                .mapToInt(Integer::intValue).toArray();
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += BATCH) {
            batches.add(Arrays.copyOfRange(order, from, Math.min(order.length, from + BATCH)));
        }
        return batches;
    }

    private void run(List<long[]> ids, int[] rows) {
        int width = Arrays.stream(rows).map(row -> ids.get(row).length).max().orElse(0);
        long[][] inputIds = new long[rows.length][width];
        long[][] mask = new long[rows.length][width];
        for (int i = 0; i < rows.length; i++) {
            long[] sequence = ids.get(rows[i]);
            System.arraycopy(sequence, 0, inputIds[i], 0, sequence.length);
            Arrays.fill(mask[i], 0, sequence.length, 1L);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, inputIds));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
            inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[rows.length][width]));
            try (OrtSession.Result result = session.run(inputs)) {
                result.get(0);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Bare ONNX Runtime session failed", e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
        options.close();
    }
}
