package io.sentiflow.encoder.onnx;

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

/**
 * Writes (fine-tuned) encoder weights back into copies of the pretrained ONNX graphs, for serving.
 * The copy keeps every byte of the source file (nodes, opsets, inputs, outputs, metadata) except
 * the values of the initializers that hold the given weights, so the exported graph runs exactly
 * like the original one with other numbers.
 *
 * <p>{@code weights} are by HuggingFace name, as {@link OnnxWeights#readFp32} returns them (MatMul
 * matrices {@code [in, out]}); weights not given keep the source file's values; a name the graph
 * has no place for, or a shape that differs from the source's, is refused with
 * {@link IllegalArgumentException}. Stateless; thread safe. The target is written under a temporary
 * name beside it and renamed, so a reader never sees half a file.
 */
public final class OnnxExport {

    private OnnxExport() {}

    /**
     * Both exports of {@code weights} as a version's files, named {@link EncoderKind#versionFileName()}
     * ({@code encoder-fp32.onnx}, {@code encoder-int8.onnx}), from the carrier jars' graphs: add them
     * to the files given to {@link io.sentiflow.store.ModelStore#publish}. The version is served with
     * the file of its manifest's encoder kind; the manifest's encoder spec keeps naming the carrier's
     * encoder (id, sha256, tokenizer), whose graph and tokenizer the files share.
     */
    public static Map<String, byte[]> versionFiles(Map<String, Tensor> weights) throws IOException {
        Path dir = Files.createTempDirectory("sentiflow-export");
        try {
            Path fp32 = dir.resolve(EncoderKind.FP32.versionFileName());
            Path int8 = dir.resolve(EncoderKind.INT8.versionFileName());
            writeFp32(EncoderFiles.of(EncoderKind.FP32).model(), weights, fp32);
            writeInt8(EncoderFiles.of(EncoderKind.INT8).model(), weights, int8);
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(EncoderKind.FP32.versionFileName(), Files.readAllBytes(fp32));
            files.put(EncoderKind.INT8.versionFileName(), Files.readAllBytes(int8));
            return files;
        } finally {
            Files.deleteIfExists(dir.resolve(EncoderKind.FP32.versionFileName()));
            Files.deleteIfExists(dir.resolve(EncoderKind.INT8.versionFileName()));
            Files.delete(dir);
        }
    }

    /** A copy of the fp32 graph {@code sourceOnnx} holding {@code weights}. */
    public static void writeFp32(Path sourceOnnx, Map<String, Tensor> weights, Path target) throws IOException {
        OnnxModel source = OnnxModel.read(sourceOnnx);
        Map<String, String> matMuls = OnnxWeights.matMulWeights(source, OnnxWeights.FP32_MATMUL);
        Map<String, byte[]> replacements = new LinkedHashMap<>();
        for (Tensor tensor : weights.values()) {
            OnnxInitializer init = source.initializers().get(matMuls.getOrDefault(tensor.name(), tensor.name()));
            if (init == null || init.dataType() != OnnxInitializer.FLOAT) {
                throw new IllegalArgumentException("The graph " + sourceOnnx + " has no fp32 weight " + tensor.name());
            }
            requireShape(tensor, init.dims());
            replacements.put(init.name(), littleEndian(tensor.data()));
        }
        source.writeReplacing(replacements, target);
    }

    /**
     * A copy of the int8 graph {@code sourceInt8Onnx} holding {@code weights} quantized as that file
     * was (see {@link Int8Quantizer}): MatMulInteger weights per output column to int8, embedding
     * tables to uint8; biases and LayerNorms, fp32 in that graph too, are copied as they are.
     */
    public static void writeInt8(Path sourceInt8Onnx, Map<String, Tensor> weights, Path target) throws IOException {
        OnnxModel source = OnnxModel.read(sourceInt8Onnx);
        Map<String, String> matMuls = OnnxWeights.matMulWeights(source, OnnxWeights.INT8_MATMUL);
        Map<String, byte[]> replacements = new LinkedHashMap<>();
        for (Tensor tensor : weights.values()) {
            String name = tensor.name();
            OnnxInitializer plain = source.initializers().get(name);
            OnnxInitializer table = source.initializers().get(name + "_quantized");
            if (matMuls.containsKey(name)) {
                putMatMul(source, tensor, matMuls.get(name), replacements);
            } else if (plain != null && plain.dataType() == OnnxInitializer.FLOAT) {
                requireShape(tensor, plain.dims());
                replacements.put(name, littleEndian(tensor.data()));
            } else if (table != null && table.dataType() == OnnxInitializer.UINT8) {
                putTable(source, tensor, table, replacements);
            } else {
                throw new IllegalArgumentException("The int8 graph " + sourceInt8Onnx + " has no weight " + name);
            }
        }
        source.writeReplacing(replacements, target);
    }

    private static void putMatMul(OnnxModel source, Tensor tensor, String quantizedName, Map<String, byte[]> out)
            throws IOException {
        OnnxInitializer quantized = source.initializer(quantizedName);
        requireShape(tensor, quantized.dims());
        String base = quantizedName.substring(0, quantizedName.length() - "_quantized".length());
        requireZeroPoints(source, base + "_zero_point", 0, OnnxInitializer.INT8);
        int[] dims = quantized.dims();
        Int8Quantizer.Quantized q = Int8Quantizer.perColumnInt8(tensor.data(), dims[0], dims[1]);
        out.put(quantizedName, q.values());
        out.put(base + "_scale", littleEndian(q.scales()));
    }

    private static void putTable(OnnxModel source, Tensor tensor, OnnxInitializer table, Map<String, byte[]> out)
            throws IOException {
        requireShape(tensor, table.dims());
        requireZeroPoints(source, tensor.name() + "_zero_point", Int8Quantizer.TABLE_ZERO_POINT, OnnxInitializer.UINT8);
        Int8Quantizer.Quantized q = Int8Quantizer.perTensorUint8(tensor.data());
        out.put(table.name(), q.values());
        out.put(tensor.name() + "_scale", littleEndian(q.scales()));
    }

    /** The quantizer keeps the source's zero points; refuse a graph quantized another way. */
    private static void requireZeroPoints(OnnxModel source, String name, int expected, int dataType) throws IOException {
        OnnxInitializer init = source.initializer(name);
        init.requireType(dataType);
        for (byte value : source.rawBytes(name)) {
            if ((dataType == OnnxInitializer.UINT8 ? value & 0xff : value) != expected) {
                throw new IOException("Initializer " + name + " has zero point " + value + ", this exporter writes "
                        + expected + " only");
            }
        }
    }

    private static void requireShape(Tensor tensor, int[] dims) {
        if (!Arrays.equals(tensor.shape(), dims)) {
            throw new IllegalArgumentException("Weight " + tensor.name() + " has shape " + Arrays.toString(tensor.shape())
                    + ", the graph holds " + Arrays.toString(dims));
        }
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }
}
