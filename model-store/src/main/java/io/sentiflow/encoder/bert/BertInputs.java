package io.sentiflow.encoder.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Pads token ids to the batch's longest sequence, as the ONNX path does
 * ({@code io.sentiflow.model.TokenBatchTranslator}): {@code ids} and {@code typeIds} (all 0) as int64,
 * and the real-token {@code mask} as float (1 real, 0 padding), all {@code [B, T]}.
 */
public final class BertInputs {

    private BertInputs() {}

    /** The encoder's input list {@code (ids, typeIds, mask)} on {@code manager}. */
    public static NDList of(NDManager manager, List<long[]> sequences) {
        int batch = sequences.size();
        int width = sequences.stream().mapToInt(s -> s.length).max().orElse(1);
        long[] ids = new long[batch * width];
        float[] mask = new float[batch * width];
        for (int row = 0; row < batch; row++) {
            long[] sequence = sequences.get(row);
            System.arraycopy(sequence, 0, ids, row * width, sequence.length);
            for (int col = 0; col < sequence.length; col++) {
                mask[row * width + col] = 1f;
            }
        }
        Shape shape = new Shape(batch, width);
        NDArray idArray = manager.create(ids, shape);
        return new NDList(idArray, manager.zeros(shape, idArray.getDataType()), manager.create(mask, shape));
    }
}
