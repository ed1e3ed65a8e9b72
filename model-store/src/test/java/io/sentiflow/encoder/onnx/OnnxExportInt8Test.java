package io.sentiflow.encoder.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quantizing the pretrained fp32 weights into a copy of the int8 graph gives back the shipped int8
 * file's tensors: the exporter quantizes as ONNX Runtime did, so a fine-tuned encoder served at
 * int8 loses what the original int8 encoder lost and no more.
 */
class OnnxExportInt8Test {

    private static Path shippedFile;
    private static OnnxModel shipped;
    private static OnnxModel exported;
    private static Path exportedFile;

    @TempDir
    static Path dir;

    @BeforeAll
    static void exportOriginalWeights() throws IOException {
        shippedFile = EncoderFiles.of(EncoderKind.INT8).model();
        Map<String, Tensor> fp32 = OnnxWeights.readFp32(EncoderFiles.of(EncoderKind.FP32).model());
        exportedFile = dir.resolve("encoder-int8.onnx");
        OnnxExport.writeInt8(shippedFile, fp32, exportedFile);
        shipped = OnnxModel.read(shippedFile);
        exported = OnnxModel.read(exportedFile);
    }

    @Test
    void keepsTheShippedGraphAndEveryInitializersNameShapeAndType() {
        assertThat(exported.nodes()).isEqualTo(shipped.nodes());
        assertThat(exported.initializers().keySet()).containsExactlyElementsOf(shipped.initializers().keySet());
        shipped.initializers().values().forEach(s -> {
            OnnxInitializer e = exported.initializers().get(s.name());
            assertThat(e.dims()).as(s.name()).containsExactly(s.dims());
            assertThat(e.dataType()).as(s.name()).isEqualTo(s.dataType());
        });
    }

    @Test
    void quantizedWeightsScalesAndFloatWeightsEqualTheShippedFilesExactly() throws IOException {
        long values = 0;
        long differing = 0;
        for (OnnxInitializer s : shipped.initializers().values()) {
            byte[] a = shipped.payload(s.name());
            byte[] b = exported.payload(s.name());
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                differing += a[i] == b[i] ? 0 : 1;
            }
            differing += Math.abs(a.length - b.length);
            values += a.length;
        }
        System.out.printf("int8 export of the original fp32 weights: %d of %d stored initializer bytes differ from the shipped file%n",
                differing, values);
        assertThat(differing).isZero();
    }

    /** Scaling every weight by 2 doubles each scale exactly and keeps every quantized value. */
    @Test
    void quantizesTheGivenWeightsNotTheSourceFiles() throws IOException {
        Map<String, Tensor> doubled = new java.util.LinkedHashMap<>();
        OnnxWeights.readFp32(EncoderFiles.of(EncoderKind.FP32).model()).forEach((name, t) -> {
            float[] data = t.data().clone();
            for (int i = 0; i < data.length; i++) {
                data[i] *= 2;
            }
            doubled.put(name, new Tensor(name, t.shape(), data));
        });
        Path target = dir.resolve("doubled.onnx");
        OnnxExport.writeInt8(shippedFile, doubled, target);
        OnnxModel written = OnnxModel.read(target);

        for (OnnxInitializer s : shipped.initializers().values()) {
            if (s.name().endsWith("_quantized") || s.name().endsWith("_zero_point") || s.dataType() != OnnxInitializer.FLOAT) {
                assertThat(Arrays.mismatch(written.payload(s.name()), shipped.payload(s.name()))).as(s.name()).isEqualTo(-1);
            } else {
                float[] expected = shipped.floats(s.name());
                float[] actual = written.floats(s.name());
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("%s[%d]", s.name(), i).isEqualTo(2 * expected[i]);
                }
            }
        }
    }

    @Test
    void outputsEqualTheShippedInt8EncodersOnRealHeadlines() throws IOException {
        List<String> texts = EncoderRuns.validTexts(16);
        List<float[][]> shippedOut = EncoderRuns.encode(EncoderKind.INT8, shippedFile, texts);
        List<float[][]> exportedOut = EncoderRuns.encode(EncoderKind.INT8, exportedFile, texts);
        double difference = EncoderRuns.maxAbsDifference(shippedOut, exportedOut);
        double scale = Arrays.stream(shippedOut.get(0)).flatMapToDouble(
                row -> java.util.stream.IntStream.range(0, row.length).mapToDouble(i -> Math.abs(row[i]))).max().orElseThrow();
        System.out.printf("int8 export vs shipped int8 on %d texts: max abs difference %.2e (largest output %.2f)%n",
                texts.size(), difference, scale);
        assertThat(difference).isZero();
    }
}
