package io.sentiflow.encoder.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights written back into a copy of the fp32 graph are the weights ONNX Runtime then runs. */
class OnnxExportFp32Test {

    private static Path original;
    private static Map<String, Tensor> weights;
    private static List<String> texts;

    @TempDir
    Path dir;

    @BeforeAll
    static void readOnce() throws IOException {
        original = EncoderFiles.of(EncoderKind.FP32).model();
        weights = OnnxWeights.readFp32(original);
        texts = EncoderRuns.validTexts(16);
    }

    @Test
    void unchangedWeightsGiveTheOriginalFileByteForByteAndTheSameOutputs() throws IOException {
        Path exported = dir.resolve("encoder-fp32.onnx");
        OnnxExport.writeFp32(original, weights, exported);

        assertThat(Files.mismatch(original, exported)).isEqualTo(-1L);
        assertThat(EncoderRuns.maxAbsDifference(EncoderRuns.encode(EncoderKind.FP32, original, texts),
                EncoderRuns.encode(EncoderKind.FP32, exported, texts))).isZero();
    }

    @Test
    void versionFilesHoldBothExportsUnderTheirServingNames() throws IOException {
        Map<String, byte[]> files = OnnxExport.versionFiles(weights);

        assertThat(files).containsOnlyKeys("encoder-fp32.onnx", "encoder-int8.onnx");
        assertThat(Arrays.mismatch(files.get("encoder-fp32.onnx"), Files.readAllBytes(original))).isEqualTo(-1);
        assertThat(files.get("encoder-int8.onnx")).hasSize((int) Files.size(EncoderFiles.of(EncoderKind.INT8).model()));
    }

    @Test
    void everyChangedWeightIsWhatTheExportedGraphHoldsAndRuns() throws IOException {
        Map<String, Tensor> changed = new LinkedHashMap<>();
        weights.forEach((name, t) -> changed.put(name, scaled(t, 1.01f)));
        Path exported = dir.resolve("encoder-fp32.onnx");
        OnnxExport.writeFp32(original, changed, exported);

        Map<String, Tensor> reread = OnnxWeights.readFp32(exported);
        assertThat(reread.keySet()).containsExactlyElementsOf(weights.keySet());
        // Arrays.mismatch, not containsExactly: AssertJ diffs arrays of millions of values quadratically.
        reread.forEach((name, t) -> assertThat(Arrays.mismatch(t.data(), changed.get(name).data())).as(name).isEqualTo(-1));
        assertThat(EncoderRuns.maxAbsDifference(EncoderRuns.encode(EncoderKind.FP32, original, texts.subList(0, 4)),
                EncoderRuns.encode(EncoderKind.FP32, exported, texts.subList(0, 4)))).isGreaterThan(1e-3);
    }

    @Test
    void refusesWeightsTheGraphHasNoPlaceForOrOfAnotherShape() {
        Tensor query = weights.get("encoder.layer.0.attention.self.query.weight");
        Tensor unknown = new Tensor("pooler.dense.weight", query.shape(), query.data());
        Tensor transposedFfn = new Tensor("encoder.layer.0.intermediate.dense.weight", new int[] {1536, 384},
                weights.get("encoder.layer.0.intermediate.dense.weight").data());
        Path target = dir.resolve("x.onnx");

        assertThatThrownBy(() -> OnnxExport.writeFp32(original, Map.of(unknown.name(), unknown), target))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pooler.dense.weight");
        assertThatThrownBy(() -> OnnxExport.writeFp32(original, Map.of(transposedFfn.name(), transposedFfn), target))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1536, 384]");
        assertThat(target).doesNotExist();
    }

    private static Tensor scaled(Tensor t, float factor) {
        float[] data = t.data().clone();
        for (int i = 0; i < data.length; i++) {
            data[i] *= factor;
        }
        return new Tensor(t.name(), t.shape(), data);
    }
}
