package io.sentiflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.model.Tensor;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.WeightsCodec;
import io.sentiflow.testing.UntrainedVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreVerificationTest {

    @TempDir
    Path root;

    private ModelStore store;
    private String version;
    private Path versionDir;

    @BeforeEach
    void publishOneVersion() {
        store = ModelStore.open(root.toString());
        version = store.publish(UntrainedVersions.manifest(1), UntrainedVersions.files(1));
        versionDir = root.resolve("versions").resolve(version);
    }

    @Test
    void acceptsAnIntactVersionWithItsManifestChecksum() throws Exception {
        VerifiedVersion verified = store.verify(version, null, store.manifestSha256(version));

        assertThat(verified.manifest().version()).isEqualTo(version);
        assertThat(verified.manifest().files()).containsOnlyKeys(Manifest.WEIGHTS_FILE);
        assertThat(verified.weights().dims()).isEqualTo(UntrainedVersions.DIMS);
    }

    @Test
    void refusesAWeightsFileWithOneChangedByte() throws Exception {
        Path weights = versionDir.resolve(Manifest.WEIGHTS_FILE);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(weights, bytes);

        assertRefused(RejectionReason.CHECKSUM_MISMATCH, "file heads.bin has sha256");
    }

    @Test
    void refusesAVersionWithAMissingFile() throws Exception {
        Files.delete(versionDir.resolve(Manifest.WEIGHTS_FILE));

        assertRefused(RejectionReason.MISSING_FILE, "file heads.bin is missing");
    }

    @Test
    void refusesAManifestWhoseChecksumIsNotTheExpectedOne() {
        assertThatThrownBy(() -> store.verify(version, null, "0".repeat(64)))
                .isInstanceOfSatisfying(ModelRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.MANIFEST_MISMATCH))
                .hasMessageContaining("expected " + "0".repeat(64));
    }

    @Test
    void refusesAManifestPathThatLeavesTheVersionDirectory() throws Exception {
        rewriteManifest(m -> m.withVersionAndFiles(version, Map.of(Manifest.WEIGHTS_FILE, m.files().get(Manifest.WEIGHTS_FILE),
                "../../outside.bin", "00")));

        assertRefused(RejectionReason.PATH_OUTSIDE_ROOT, "'../../outside.bin' is not a plain file name");
    }

    @Test
    void refusesAUriOutsideTheStoreRoot() throws Exception {
        Path elsewhere = root.resolveSibling(root.getFileName() + "-other").resolve("versions").resolve(version);
        String escaping = root.toUri() + "/versions/../../" + root.getFileName() + "-other/versions/" + version;

        for (String uri : List.of(elsewhere.toString(), escaping, root.toString())) {
            assertThatThrownBy(() -> store.verify(version, uri, null))
                    .isInstanceOfSatisfying(ModelRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectionReason.PATH_OUTSIDE_ROOT))
                    .hasMessageContaining("is not a version directory of the store");
        }
        assertThatThrownBy(() -> store.verify("../" + version, null, null))
                .isInstanceOfSatisfying(ModelRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.PATH_OUTSIDE_ROOT));
    }

    @Test
    void refusesWeightsHoldingNaN() throws Exception {
        List<Tensor> tensors = new ArrayList<>(UntrainedVersions.weights(1).tensors());
        float[] values = tensors.get(0).data().clone();
        values[3] = Float.NaN;
        tensors.set(0, new Tensor(tensors.get(0).name(), tensors.get(0).shape(), values));
        replaceWeights(WeightsCodec.encode(tensors));

        assertRefused(RejectionReason.INVALID_WEIGHTS, "Tensor att.w holds NaN at index 3");
    }

    @Test
    void refusesWeightsWhoseShapeDoesNotMatchTheLabelMaps() throws Exception {
        rewriteManifest(m -> new Manifest(m.formatVersion(), m.version(), m.parentVersion(), m.createdAt(), m.status(),
                m.encoder(), m.architecture(), m.topicLabels().subList(0, 19), m.sentimentLabels(), m.hyperParameters(),
                m.trainingData(), m.metrics(), m.files(), m.note()));

        assertRefused(RejectionReason.DIMENSION_MISMATCH, "Tensor topic.w has shape [32, 20], expected [32, 19]");
    }

    @Test
    void refusesAnEncoderItDoesNotKnow() throws Exception {
        rewriteManifest(m -> new Manifest(m.formatVersion(), m.version(), m.parentVersion(), m.createdAt(), m.status(),
                new EncoderSpec("bert-large", "fp32", "ab", "cd", 64, 32, "longest", "none"), m.architecture(), m.topicLabels(),
                m.sentimentLabels(), m.hyperParameters(), m.trainingData(), m.metrics(), m.files(), m.note()));

        assertRefused(RejectionReason.UNKNOWN_ENCODER, "encoder bert-large (fp32) is not one this build knows");
    }

    @Test
    void refusesATextNormalizationItDoesNotKnow() throws Exception {
        rewriteManifest(m -> withNormalization(m, "emoji"));

        assertRefused(RejectionReason.MANIFEST_MISMATCH, "unknown text normalization 'emoji'");
    }

    @Test
    void readsAVersionFromBeforeNormalizationAsUnnormalized() throws Exception {
        rewriteManifest(m -> withNormalization(m, null));

        assertThat(store.verify(version, null, null).normalization()).isEqualTo(TextNormalization.NONE);
    }

    @Test
    void refusesAVersionThatDoesNotExist() {
        assertThatThrownBy(() -> store.verify("v-nope", null, null))
                .isInstanceOfSatisfying(ModelRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNKNOWN_VERSION));
    }

    @Test
    void neverOverwritesAPublishedVersion() {
        assertThatThrownBy(() -> store.publish(UntrainedVersions.manifest(1).withVersionAndFiles(version, Map.of()),
                UntrainedVersions.files(2)))
                .hasMessageContaining("already exists");
        assertThat(root.resolve("versions")).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }

    private static Manifest withNormalization(Manifest m, String normalization) {
        EncoderSpec e = m.encoder();
        return new Manifest(m.formatVersion(), m.version(), m.parentVersion(), m.createdAt(), m.status(),
                new EncoderSpec(e.id(), e.kind(), e.modelSha256(), e.tokenizerSha256(), e.maxSequenceLength(),
                        e.batchSize(), e.padding(), normalization), m.architecture(), m.topicLabels(),
                m.sentimentLabels(), m.hyperParameters(), m.trainingData(), m.metrics(), m.files(), m.note());
    }

    private void assertRefused(RejectionReason reason, String message) {
        assertThatThrownBy(() -> store.verify(version, null, null))
                .isInstanceOfSatisfying(ModelRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message)
                .hasMessageContaining(version);
    }

    private void replaceWeights(byte[] weights) throws Exception {
        Files.write(versionDir.resolve(Manifest.WEIGHTS_FILE), weights);
        rewriteManifest(m -> m.withVersionAndFiles(version, Map.of(Manifest.WEIGHTS_FILE, Sha256.of(weights))));
    }

    private void rewriteManifest(java.util.function.UnaryOperator<Manifest> change) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Path file = versionDir.resolve(Manifest.FILE_NAME);
        Manifest manifest = json.readValue(file.toFile(), Manifest.class);
        Files.write(file, json.writeValueAsBytes(change.apply(manifest)));
    }
}
