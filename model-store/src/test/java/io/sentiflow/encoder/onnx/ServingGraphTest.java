package io.sentiflow.encoder.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.MultiHeadModel;
import io.sentiflow.testing.UntrainedVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serving graph's shape and its cache; its scores are {@code io.sentiflow.model.ServingParityTest}'s. */
class ServingGraphTest {

    @TempDir
    static Path dir;

    private static String previousEncoderDir;

    @BeforeAll
    static void useOwnEncoderCache() {
        previousEncoderDir = System.setProperty(EncoderFiles.DIR_PROPERTY, dir.resolve("encoders").toString());
    }

    @AfterAll
    static void restoreEncoderCache() {
        if (previousEncoderDir == null) {
            System.clearProperty(EncoderFiles.DIR_PROPERTY);
        } else {
            System.setProperty(EncoderFiles.DIR_PROPERTY, previousEncoderDir);
        }
    }

    @Test
    void returnsOnlyBothHeadsProbabilitiesAndRefersToTheEncodersWeightsInsteadOfCopyingThem() throws Exception {
        EncoderFiles int8 = EncoderFiles.of(EncoderKind.INT8);
        HeadWeights heads = UntrainedVersions.weights(3);

        Path graph = ServingGraph.file(int8, EncoderKind.INT8.modelSha256(), heads);

        assertThat(graph.getParent()).isEqualTo(int8.model().toAbsolutePath().getParent());
        // The heads' weights and the graph, a few hundred KB; the encoder file is 23 MB.
        assertThat(Files.size(graph)).isLessThan(1_000_000).isLessThan(Files.size(int8.model()) / 20);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = OrtEnvironment.getEnvironment().createSession(graph.toString(), options)) {
            assertThat(session.getInputNames()).containsExactlyInAnyOrder("input_ids", "attention_mask", "token_type_ids");
            assertThat(session.getOutputNames()).containsExactly(MultiHeadModel.TOPIC_OUTPUT, MultiHeadModel.SENTIMENT_OUTPUT);
            assertThat(((TensorInfo) session.getOutputInfo().get(MultiHeadModel.TOPIC_OUTPUT).getInfo()).getShape())
                    .containsExactly(-1, heads.dims().topics());
            assertThat(((TensorInfo) session.getOutputInfo().get(MultiHeadModel.SENTIMENT_OUTPUT).getInfo()).getShape())
                    .containsExactly(-1, heads.dims().sentiments());
        }
    }

    @Test
    void aSecondLoadFindsTheCachedGraphAndOtherHeadsOrAnotherEncoderGetTheirOwn() throws Exception {
        EncoderFiles int8 = EncoderFiles.of(EncoderKind.INT8);
        Path first = ServingGraph.file(int8, EncoderKind.INT8.modelSha256(), UntrainedVersions.weights(4));
        FileTime written = FileTime.fromMillis(0);
        Files.setLastModifiedTime(first, written);

        Path again = ServingGraph.file(int8, EncoderKind.INT8.modelSha256(), UntrainedVersions.weights(4));
        Path otherHeads = ServingGraph.file(int8, EncoderKind.INT8.modelSha256(), UntrainedVersions.weights(5));
        Path fp32 = ServingGraph.file(EncoderFiles.of(EncoderKind.FP32), EncoderKind.FP32.modelSha256(),
                UntrainedVersions.weights(4));

        assertThat(again).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(again)).isEqualTo(written);
        assertThat(List.of(otherHeads, fp32)).doesNotContain(first).doesNotHaveDuplicates();
    }

    @Test
    void refusesAFileThatIsNoOnnxGraphAndATargetAwayFromTheEncoderFile() throws Exception {
        EncoderFiles int8 = EncoderFiles.of(EncoderKind.INT8);
        EncoderFiles notAGraph = new EncoderFiles(EncoderKind.INT8, int8.tokenizer(), int8.tokenizer());

        assertThatThrownBy(() -> ServingGraph.file(notAGraph, EncoderKind.INT8.modelSha256(), UntrainedVersions.weights(6)))
                .isInstanceOf(IOException.class).hasMessageContaining("is not an ONNX model");
        assertThatThrownBy(() -> OnnxModel.read(int8.model()).writeExtended(ServingHeads.of(UntrainedVersions.weights(6),
                ServingGraph.HIDDEN, ServingGraph.MASK, ServingGraph.ROWS), dir.resolve("elsewhere.onnx")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beside it");
    }
}
