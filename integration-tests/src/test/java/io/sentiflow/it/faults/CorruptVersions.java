package io.sentiflow.it.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentiflow.model.Tensor;
import io.sentiflow.model.WeightsCodec;
import io.sentiflow.store.EncoderSpec;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.Sha256;
import io.sentiflow.testing.TinyModels;
import io.sentiflow.testing.UntrainedVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Publishes a valid version into a store, then damages it on disk the way a bad disk, a bad copy
 * or a bad producer would. Each method returns the damaged version's id.
 */
final class CorruptVersions {

    private final Path root;
    private long seed = 100;

    CorruptVersions(Path root) {
        this.root = root;
    }

    /** A fresh intact version (distinct weights and id). */
    String intact() {
        return TinyModels.untrainedInto(root, seed++);
    }

    String withOneChangedByte() {
        return changeWeights(bytes -> {
            bytes[bytes.length / 2] ^= 0x01;
            return bytes;
        });
    }

    String withTruncatedWeights() {
        return changeWeights(bytes -> Arrays.copyOf(bytes, bytes.length / 2));
    }

    String withMissingWeights() {
        String version = intact();
        try {
            Files.delete(weights(version));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return version;
    }

    /** Weights of the right shapes holding a NaN, with a manifest whose checksums match them. */
    String withNaNWeights() {
        String version = intact();
        List<Tensor> tensors = new ArrayList<>(UntrainedVersions.weights(seed - 1).tensors());
        float[] values = tensors.get(0).data().clone();
        values[3] = Float.NaN;
        tensors.set(0, new Tensor(tensors.get(0).name(), tensors.get(0).shape(), values));
        byte[] bytes = WeightsCodec.encode(tensors);
        write(weights(version), bytes);
        rewriteManifest(version, m -> m.withVersionAndFiles(version, Map.of(Manifest.WEIGHTS_FILE, Sha256.of(bytes))));
        return version;
    }

    /** A manifest with one topic label fewer than the topic head's outputs. */
    String withWrongDimensions() {
        String version = intact();
        rewriteManifest(version, m -> new Manifest(m.formatVersion(), m.version(), m.parentVersion(), m.createdAt(),
                m.status(), m.encoder(), m.architecture(), m.topicLabels().subList(0, m.topicLabels().size() - 1),
                m.sentimentLabels(), m.hyperParameters(), m.trainingData(), m.metrics(), m.files(), m.note()));
        return version;
    }

    String withUnknownEncoder() {
        String version = intact();
        rewriteManifest(version, m -> new Manifest(m.formatVersion(), m.version(), m.parentVersion(), m.createdAt(),
                m.status(), new EncoderSpec("bert-large", "fp32", "ab", "cd", 64, 32, "longest", "none"), m.architecture(),
                m.topicLabels(), m.sentimentLabels(), m.hyperParameters(), m.trainingData(), m.metrics(), m.files(),
                m.note()));
        return version;
    }

    /**
     * Copies an intact version to {@code outside} (a directory that is not under the store's root)
     * and returns a URI that climbs out of the store's versions directory into that copy.
     */
    String traversalUriTo(String version, Path outside) {
        Path copy = outside.resolve("versions").resolve(version);
        try {
            Files.createDirectories(copy);
            try (var files = Files.list(versionDir(version))) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path relative = root.resolve("versions").relativize(copy);
        return root.toUri() + "/versions/" + relative.toString().replace('\\', '/');
    }

    private String changeWeights(UnaryOperator<byte[]> change) {
        String version = intact();
        try {
            write(weights(version), change.apply(Files.readAllBytes(weights(version))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return version;
    }

    private void rewriteManifest(String version, UnaryOperator<Manifest> change) {
        ObjectMapper json = new ObjectMapper();
        Path file = versionDir(version).resolve(Manifest.FILE_NAME);
        try {
            Manifest manifest = json.readValue(file.toFile(), Manifest.class);
            write(file, json.writeValueAsBytes(change.apply(manifest)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        file.toFile().setWritable(true);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path weights(String version) {
        return versionDir(version).resolve(Manifest.WEIGHTS_FILE);
    }

    private Path versionDir(String version) {
        return root.resolve("versions").resolve(version);
    }
}
