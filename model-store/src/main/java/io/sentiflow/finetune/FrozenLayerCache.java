package io.sentiflow.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.sentiflow.encoder.bert.BertConfig;
import io.sentiflow.encoder.bert.BertEncoder;
import io.sentiflow.encoder.bert.BertInputs;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.Tensor;
import io.sentiflow.store.Sha256;
import io.sentiflow.training.EncodedText;
import io.sentiflow.training.TokenVectorFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;

/**
 * What the encoder's frozen bottom layers make of each text, computed once and read by every epoch
 * and dev evaluation, so that a step runs only the trainable top layers and the heads (the embedding
 * cache does the same for frozen training). Fp32 forward passes on DJL PyTorch, stored as half floats
 * for the real tokens only (26.5k tweets of about 30 tokens: about 0.6 GB of heap).
 *
 * <p>Held in memory, and appended to a file when a directory is given: one file per encoder weights
 * (their sha256), text normalization and number of frozen layers; a record is keyed by the sha256 of
 * the text's token ids, which is exactly what the layers see of it. Not thread safe.
 */
final class FrozenLayerCache {

    /** Texts sorted by length, so a batch pads little. */
    private static final int BATCH = 64;

    private final TokenVectorFile vectors;
    private final int layers;

    private FrozenLayerCache(TokenVectorFile vectors, int layers) {
        this.vectors = vectors;
        this.layers = layers;
    }

    /**
     * The cache of the bottom {@code layers} of the encoder whose weights have {@code encoderSha256},
     * read from {@code dir} (created if missing), or in memory only when {@code dir} is null.
     */
    static FrozenLayerCache open(Path dir, String encoderSha256, TextNormalization normalization, int layers) {
        if (layers < 1 || layers > BertConfig.MINILM_L6.layers()) {
            throw new IllegalArgumentException("Frozen layers must be 1.." + BertConfig.MINILM_L6.layers()
                    + ", was " + layers);
        }
        Path file = dir == null ? null : dir.resolve("frozen-" + encoderSha256.substring(0, 16) + "-"
                + normalization.id() + "-" + layers + "layers.emb");
        return new FrozenLayerCache(TokenVectorFile.open(file), layers);
    }

    /** The number of frozen layers; the first trainable one takes their outputs. */
    int layers() {
        return layers;
    }

    int size() {
        return vectors.size();
    }

    /** The file, or null when in memory only. */
    Path file() {
        return vectors.file();
    }

    /**
     * Computes (with an encoder of {@code weights}, which must be those the cache was opened for) and
     * stores the outputs of the sequences not cached yet; returns how many it computed.
     */
    int fill(List<long[]> sequences, Map<String, Tensor> weights, ProgressBar progress) {
        Map<String, long[]> missing = new LinkedHashMap<>();
        for (long[] ids : sequences) {
            String key = key(ids);
            if (vectors.get(key) == null) {
                missing.putIfAbsent(key, ids);
            }
        }
        List<Map.Entry<String, long[]>> todo = new ArrayList<>(missing.entrySet());
        todo.sort(Comparator.comparingInt(entry -> entry.getValue().length));
        progress.maxHint(todo.size());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            BertEncoder encoder = BertEncoder.of(BertConfig.MINILM_L6, weights, manager);
            ParameterStore store = new ParameterStore(manager, false);
            for (int from = 0; from < todo.size(); from += BATCH) {
                List<Map.Entry<String, long[]>> batch = todo.subList(from, Math.min(todo.size(), from + BATCH));
                vectors.append(batch.stream().map(Map.Entry::getKey).toList(), compute(encoder, store, manager, batch));
                progress.stepBy(batch.size());
            }
        }
        return todo.size();
    }

    private List<EncodedText> compute(BertEncoder encoder, ParameterStore store, NDManager manager,
            List<Map.Entry<String, long[]>> batch) {
        try (NDManager step = manager.newSubManager()) {
            List<long[]> ids = batch.stream().map(Map.Entry::getValue).toList();
            NDArray hidden = encoder.lower(store, BertInputs.of(step, ids), layers);
            int width = (int) hidden.getShape().get(1);
            float[] flat = hidden.toFloatArray();
            List<EncodedText> out = new ArrayList<>(ids.size());
            for (int row = 0; row < ids.size(); row++) {
                out.add(EncodedText.ofRow(flat, row, width, ids.get(row).length));
            }
            return out;
        }
    }

    /** The frozen layers' outputs of each sequence, in order. */
    List<EncodedText> outputs(List<long[]> sequences) {
        List<EncodedText> out = new ArrayList<>(sequences.size());
        for (long[] ids : sequences) {
            EncodedText encoded = vectors.get(key(ids));
            if (encoded == null) {
                throw new IllegalStateException("No frozen-layer outputs for a sequence of " + ids.length
                        + " tokens: fill the cache with every text first");
            }
            out.add(encoded);
        }
        return out;
    }

    private static String key(long[] ids) {
        ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES * ids.length);
        bytes.asLongBuffer().put(ids);
        return Sha256.of(bytes.array());
    }
}
