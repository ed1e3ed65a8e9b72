package io.sentiflow.encoder.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.Tensor;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.store.EncoderSpec;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelRejectedException;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.RejectionReason;
import io.sentiflow.testing.UntrainedVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version that carries its own encoder file ({@code encoder-int8.onnx}, listed with its sha256)
 * is served with that file instead of the carrier jar's, and the file is verified like any other.
 */
class VersionEncoderServingTest {

    private static final EncoderKind KIND = EncoderKind.INT8;
    private static final List<String> TEXTS = List.of("Fed holds rates steady as inflation cools",
            "$TSLA falls 5% premarket after deliveries miss", "Gold climbs", "");

    @TempDir
    static Path dir;

    private static String previousEncoderDir;
    private static ModelStore store;
    private static byte[] unchangedEncoder;
    private static byte[] doubledEncoder;

    @BeforeAll
    static void exportEncoders() throws Exception {
        // Version encoders are cached by sha256 under this directory: keep the test's out of ~/.sentiflow.
        previousEncoderDir = System.setProperty(EncoderFiles.DIR_PROPERTY, dir.resolve("encoders").toString());
        Map<String, Tensor> fp32 = OnnxWeights.readFp32(EncoderFiles.of(EncoderKind.FP32).model());
        unchangedEncoder = export(fp32, "unchanged.onnx");
        Map<String, Tensor> doubled = new LinkedHashMap<>();
        fp32.forEach((name, t) -> doubled.put(name, doubledLayerNorms(t)));
        doubledEncoder = export(doubled, "doubled.onnx");
        store = ModelStore.open(dir.resolve("store").toString());
    }

    @AfterAll
    static void restoreEncoderDir() {
        if (previousEncoderDir == null) {
            System.clearProperty(EncoderFiles.DIR_PROPERTY);
        } else {
            System.setProperty(EncoderFiles.DIR_PROPERTY, previousEncoderDir);
        }
    }

    @Test
    void aVersionWithItsOwnReExportedEncoderScoresLikeTheCarriersEncoder() throws Exception {
        String carrier = publish("carrier", null);
        String own = publish("own-unchanged", unchangedEncoder);

        assertThat(store.manifest(own).files()).containsKey(KIND.versionFileName());
        assertSameScores(score(own), score(carrier));
    }

    @Test
    void aVersionsOwnEncoderIsTheOneThatRuns() throws Exception {
        String carrier = publish("carrier-2", null);
        String own = publish("own-doubled", doubledEncoder);

        assertThat(score(own).get(0).sentimentProbabilities()).isNotEqualTo(score(carrier).get(0).sentimentProbabilities());
    }

    @Test
    void refusesAnEncoderFileWithOneChangedByte() throws Exception {
        String own = publish("own-tampered", unchangedEncoder);
        Path file = dir.resolve("store/versions").resolve(own).resolve(KIND.versionFileName());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);

        assertThatThrownBy(() -> store.load(own, null, null)).isInstanceOfSatisfying(ModelRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectionReason.CHECKSUM_MISMATCH))
                .hasMessageContaining("file " + KIND.versionFileName() + " has sha256");
    }

    private static byte[] export(Map<String, Tensor> weights, String name) throws Exception {
        Path target = dir.resolve(name);
        OnnxExport.writeInt8(EncoderFiles.of(KIND).model(), weights, target);
        return Files.readAllBytes(target);
    }

    /** LayerNorm gains doubled: the encoder's outputs change while the graph stays the same. */
    private static Tensor doubledLayerNorms(Tensor t) {
        if (!t.name().endsWith("LayerNorm.weight")) {
            return t;
        }
        float[] data = t.data().clone();
        for (int i = 0; i < data.length; i++) {
            data[i] *= 2;
        }
        return new Tensor(t.name(), t.shape(), data);
    }

    /** The same untrained heads over the int8 encoder, with or without an encoder file of its own. */
    private static String publish(String version, byte[] encoder) {
        Manifest m = UntrainedVersions.manifest(3);
        EncoderSpec spec = new EncoderSpec(KIND.id(), KIND.cliName(), KIND.modelSha256(), KIND.tokenizerSha256(),
                TokenEncoder.MAX_TOKENS, m.encoder().batchSize(), m.encoder().padding(), m.encoder().textNormalization());
        Manifest draft = new Manifest(m.formatVersion(), version, null, m.createdAt(), m.status(), spec,
                m.architecture(), m.topicLabels(), m.sentimentLabels(), m.hyperParameters(), m.trainingData(),
                m.metrics(), Map.of(), m.note());
        Map<String, byte[]> files = new HashMap<>(UntrainedVersions.files(3));
        if (encoder != null) {
            files.put(KIND.versionFileName(), encoder);
        }
        return store.publish(draft, files);
    }

    private static List<TextPrediction> score(String version) throws ModelRejectedException {
        try (ScoringModel model = store.load(version, null, store.manifestSha256(version))) {
            return model.predict(TEXTS);
        }
    }

    private static void assertSameScores(List<TextPrediction> actual, List<TextPrediction> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i).topicProbabilities()).containsExactly(expected.get(i).topicProbabilities());
            assertThat(actual.get(i).sentimentProbabilities()).containsExactly(expected.get(i).sentimentProbabilities());
        }
    }
}
