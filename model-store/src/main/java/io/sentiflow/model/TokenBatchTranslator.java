package io.sentiflow.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Pads a {@link TokenBatch} to its longest sequence for the ONNX session and cuts the output
 * {@code last_hidden_state} back to each text's real tokens; no NDArray leaves this class.
 */
final class TokenBatchTranslator implements NoBatchifyTranslator<TokenBatch, List<float[][]>> {

    private static final String LENGTHS = "lengths";

    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch input) {
        int batch = input.size();
        int width = input.maxLength();
        long[] ids = new long[batch * width];
        long[] mask = new long[batch * width];
        int[] lengths = new int[batch];
        for (int row = 0; row < batch; row++) {
            long[] sequence = input.ids().get(row);
            lengths[row] = sequence.length;
            System.arraycopy(sequence, 0, ids, row * width, sequence.length);
            for (int col = 0; col < sequence.length; col++) {
                mask[row * width + col] = 1;
            }
        }
        ctx.setAttachment(LENGTHS, lengths);
        NDManager manager = ctx.getNDManager();
        Shape shape = new Shape(batch, width);
        NDArray inputIds = manager.create(ids, shape);
        inputIds.setName("input_ids");
        NDArray attentionMask = manager.create(mask, shape);
        attentionMask.setName("attention_mask");
        NDArray typeIds = manager.zeros(shape, inputIds.getDataType());
        typeIds.setName("token_type_ids");
        return new NDList(inputIds, attentionMask, typeIds);
    }

    @Override
    public List<float[][]> processOutput(TranslatorContext ctx, NDList list) {
        NDArray hidden = list.get("last_hidden_state");
        if (hidden == null) {
            hidden = list.get(0);
        }
        int[] lengths = (int[]) ctx.getAttachment(LENGTHS);
        long[] shape = hidden.getShape().getShape();
        int width = (int) shape[1];
        int dim = (int) shape[2];
        float[] flat = hidden.toFloatArray();
        List<float[][]> result = new ArrayList<>(lengths.length);
        for (int row = 0; row < lengths.length; row++) {
            float[][] tokens = new float[lengths[row]][];
            for (int t = 0; t < lengths[row]; t++) {
                int from = (row * width + t) * dim;
                tokens[t] = java.util.Arrays.copyOfRange(flat, from, from + dim);
            }
            result.add(tokens);
        }
        return result;
    }
}
