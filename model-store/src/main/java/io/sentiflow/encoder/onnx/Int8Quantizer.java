package io.sentiflow.encoder.onnx;

/**
 * Quantizes fp32 weights the way ONNX Runtime's {@code quantize_dynamic} quantized the shipped int8
 * MiniLM (read from that file: every zero point of its matrices is 0 and every scale is the
 * column's largest magnitude over 64; its embedding tables have zero point 128 and scale = largest
 * magnitude over 127.5):
 * <ul>
 *   <li>MatMulInteger weights: int8, symmetric, per output column, reduced range [-64, 64]
 *       (7 bits, so the int8 x uint8 products cannot overflow on CPUs without VNNI);</li>
 *   <li>embedding tables read by Gather: uint8, symmetric around zero point 128, one scale per table.</li>
 * </ul>
 * Rounding is half to even, as numpy's. Stateless; thread safe.
 */
final class Int8Quantizer {

    static final int MATMUL_LIMIT = 64;
    static final int TABLE_ZERO_POINT = 128;

    /** Quantized values and their scales (one per output column, or one for a whole table). */
    record Quantized(byte[] values, float[] scales) {}

    private Int8Quantizer() {}

    /** {@code weights} is {@code [in, out]} row-major; returns one scale per output column. */
    static Quantized perColumnInt8(float[] weights, int in, int out) {
        float[] scales = new float[out];
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                scales[j] = Math.max(scales[j], Math.abs(weights[i * out + j]));
            }
        }
        for (int j = 0; j < out; j++) {
            scales[j] = scale(2 * scales[j], 2 * MATMUL_LIMIT);
        }
        byte[] values = new byte[weights.length];
        for (int i = 0; i < weights.length; i++) {
            values[i] = (byte) clamp(Math.rint(weights[i] / scales[i % out]), -MATMUL_LIMIT, MATMUL_LIMIT);
        }
        return new Quantized(values, scales);
    }

    /** One scale for the whole table; values are uint8 around {@link #TABLE_ZERO_POINT}. */
    static Quantized perTensorUint8(float[] table) {
        float max = 0;
        for (float value : table) {
            max = Math.max(max, Math.abs(value));
        }
        float scale = scale(2 * max, 255);
        byte[] values = new byte[table.length];
        for (int i = 0; i < table.length; i++) {
            values[i] = (byte) clamp(Math.rint(table[i] / scale) + TABLE_ZERO_POINT, 0, 255);
        }
        return new Quantized(values, new float[] {scale});
    }

    /** ONNX Runtime uses scale 1 for an all-zero tensor rather than divide by zero. */
    private static float scale(float range, int levels) {
        return range == 0 ? 1f : range / levels;
    }

    private static int clamp(double value, int min, int max) {
        return (int) Math.max(min, Math.min(max, value));
    }
}
