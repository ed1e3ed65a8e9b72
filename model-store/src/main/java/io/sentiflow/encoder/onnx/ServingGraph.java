package io.sentiflow.encoder.onnx;

import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.WeightsCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The whole served model as one ONNX graph: a version's encoder graph with attention pooling, the
 * adapter and both heads appended ({@link ServingHeads}), returning only the two probability tensors,
 * so one ONNX Runtime call scores a batch.
 *
 * <p>The graph is written once beside the cached encoder file ({@link EncoderFiles}) as
 * {@code serving-<key>.onnx}, the key a sha256 of {@link #LAYOUT}, the encoder's sha256 and the
 * heads' weights. It holds the graph and the heads' weights only (well under a megabyte): the
 * encoder's weights stay in the encoder file, which it refers to as ONNX external data, so every
 * version served adds a small file rather than another copy of 23 to 90 MB. A second load finds the
 * file and reads nothing else. Written through a temporary file and an atomic rename, so concurrent
 * loads may race safely. Stateless; thread safe.
 */
public final class ServingGraph {

    /** Changes whenever {@link ServingHeads} builds another graph, so a cached file is never stale. */
    static final String LAYOUT = "sentiflow-serving-graph-1";
    static final String HIDDEN = "last_hidden_state";
    static final String MASK = "attention_mask";
    static final String ROWS = "batch_size";

    private ServingGraph() {}

    /**
     * The serving graph of {@code heads} over the encoder in {@code encoder}, built if it is not cached.
     *
     * @param encoderSha256 the sha256 of {@code encoder.model()} (verified by whoever cached it)
     * @throws IOException if the encoder file cannot be read, is not a MiniLM graph (no
     *     {@value #HIDDEN} output or {@value #MASK} input), or the graph cannot be written
     */
    public static Path file(EncoderFiles encoder, String encoderSha256, HeadWeights heads) throws IOException {
        Path model = encoder.model().toAbsolutePath().normalize();
        Path target = model.resolveSibling("serving-" + key(encoderSha256, heads) + ".onnx");
        if (!Files.isRegularFile(target)) { // present only after an atomic rename of a complete graph
            write(model, heads, target);
        }
        return target;
    }

    /** Writes the serving graph of {@code heads} over {@code encoderOnnx} to {@code target}, beside it. */
    static void write(Path encoderOnnx, HeadWeights heads, Path target) throws IOException {
        OnnxModel encoder = OnnxModel.read(encoderOnnx);
        if (!encoder.outputNames().contains(HIDDEN) || !encoder.inputNames().contains(MASK)) {
            throw new IOException(encoderOnnx + " has outputs " + encoder.outputNames() + " and inputs "
                    + encoder.inputNames() + ", not the encoder's " + HIDDEN + " and " + MASK);
        }
        encoder.writeExtended(ServingHeads.of(heads, HIDDEN, MASK, ROWS), target);
    }

    static String key(String encoderSha256, HeadWeights heads) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((LAYOUT + "\n" + encoderSha256.toLowerCase(Locale.ROOT) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(WeightsCodec.encode(heads.tensors()));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
