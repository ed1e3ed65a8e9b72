package io.sentiflow.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pads a {@link TokenBatch} to its longest sequence for the ONNX session and cuts the output
 * {@code last_hidden_state} back to each text's real tokens; no NDArray leaves this class.
 */
final class TokenBatchTranslator implements NoBatchifyTranslator<TokenBatch, List<float[][]>> {

    private static final String LENGTHS = "lengths";

    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch input) {
        int[] lengths = new int[input.size()];
        for (int row = 0; row < lengths.length; row++) {
            lengths[row] = input.ids().get(row).length;
        }
        ctx.setAttachment(LENGTHS, lengths);
        return encoderInputs(ctx.getNDManager(), input);
    }

    /**
     * The MiniLM graph's three inputs for {@code batch}, padded to its longest row: {@code input_ids},
     * {@code attention_mask} (1 for a real token) and {@code token_type_ids} (all 0), {@code [rows, width]}.
     */
    static NDList encoderInputs(NDManager manager, TokenBatch batch) {
        int rows = batch.size();
        int width = batch.maxLength();
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int row = 0; row < rows; row++) {
            long[] sequence = batch.ids().get(row);
            System.arraycopy(sequence, 0, ids, row * width, sequence.length);
            Arrays.fill(mask, row * width, row * width + sequence.length, 1L);
        }
        Shape shape = new Shape(rows, width);
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
                tokens[t] = Arrays.copyOfRange(flat, from, from + dim);
            }
            result.add(tokens);
        }
        return result;
    }
}
