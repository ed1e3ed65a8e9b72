package io.sentiflow.encoder.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pretrained MiniLM's weights come out of the fp32 ONNX file under their HuggingFace names. */
class OnnxWeightsTest {

    private static final int HIDDEN = 384;
    private static final int FFN = 1536;

    private static Path fp32File;
    private static Map<String, Tensor> weights;

    @BeforeAll
    static void readOnce() throws IOException {
        fp32File = EncoderFiles.of(EncoderKind.FP32).model();
        weights = OnnxWeights.readFp32(fp32File);
    }

    @Test
    void everyMiniLmWeightIsPresentByHuggingFaceNameWithItsShape() {
        Map<String, int[]> expected = expectedShapes();
        assertThat(weights.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, shape) -> assertThat(weights.get(name).shape()).as(name).containsExactly(shape));
    }

    @Test
    void valuesAreTheFilesLittleEndianFloatsAsStored() throws IOException {
        byte[] file = Files.readAllBytes(fp32File);
        for (String name : new String[] {"embeddings.word_embeddings.weight", "encoder.layer.0.attention.self.query.weight",
                "encoder.layer.5.output.LayerNorm.bias", "encoder.layer.3.intermediate.dense.weight"}) {
            byte[] expected = littleEndian(weights.get(name).data());
            assertThat(indexOf(file, expected)).as(name).isPositive();
        }
        assertThat(weights.values()).allSatisfy(t -> assertThat(t.firstNonFinite()).as(t.name()).isEqualTo(-1));
    }

    /**
     * The int8 file names its layers independently (MatMulInteger nodes); dequantized, each of its
     * weight matrices lies within half a quantization step of the fp32 matrix read under the same
     * HuggingFace name, so the names map to the right matrices in the right [in, out] layout.
     */
    @Test
    void matMulWeightsMatchTheInt8FilesMatricesOfTheSameLayer() throws IOException {
        OnnxModel int8 = OnnxModel.read(EncoderFiles.of(EncoderKind.INT8).model());
        Map<String, String> quantized = OnnxWeights.matMulWeights(int8, OnnxWeights.INT8_MATMUL);
        assertThat(quantized).hasSize(36);
        quantized.forEach((name, initializer) -> {
            try {
                String base = initializer.substring(0, initializer.length() - "_quantized".length());
                float[] scales = int8.floats(base + "_scale");
                byte[] values = int8.rawBytes(initializer);
                float[] fp32 = weights.get(name).data();
                int columns = scales.length;
                for (int i = 0; i < fp32.length; i++) {
                    float step = scales[i % columns];
                    assertThat(Math.abs(values[i] * step - fp32[i])).as(name).isLessThanOrEqualTo(step * 0.5001f);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static Map<String, int[]> expectedShapes() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("embeddings.word_embeddings.weight", new int[] {30522, HIDDEN});
        shapes.put("embeddings.position_embeddings.weight", new int[] {512, HIDDEN});
        shapes.put("embeddings.token_type_embeddings.weight", new int[] {2, HIDDEN});
        shapes.put("embeddings.LayerNorm.weight", new int[] {HIDDEN});
        shapes.put("embeddings.LayerNorm.bias", new int[] {HIDDEN});
        for (int layer = 0; layer < 6; layer++) {
            String p = "encoder.layer." + layer + ".";
            for (String linear : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense"}) {
                shapes.put(p + linear + ".weight", new int[] {HIDDEN, HIDDEN});
                shapes.put(p + linear + ".bias", new int[] {HIDDEN});
            }
            shapes.put(p + "intermediate.dense.weight", new int[] {HIDDEN, FFN});
            shapes.put(p + "intermediate.dense.bias", new int[] {FFN});
            shapes.put(p + "output.dense.weight", new int[] {FFN, HIDDEN});
            shapes.put(p + "output.dense.bias", new int[] {HIDDEN});
            for (String norm : new String[] {"attention.output.LayerNorm", "output.LayerNorm"}) {
                shapes.put(p + norm + ".weight", new int[] {HIDDEN});
                shapes.put(p + norm + ".bias", new int[] {HIDDEN});
            }
        }
        return shapes;
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < Math.min(needle.length, 64); j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
