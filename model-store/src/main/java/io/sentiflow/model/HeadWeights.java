package io.sentiflow.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weights of the layers above the encoder, with checked shapes. Layout (row-major, input rows):
 * attention pooling {@code att.w [hidden, attention]}, {@code att.b [attention]},
 * {@code att.v [attention, 1]}; shared adapter {@code adapter.w [hidden, adapter]},
 * {@code adapter.b [adapter]}; heads {@code topic.w [adapter, topics]}, {@code topic.b [topics]},
 * {@code sentiment.w [adapter, sentiments]}, {@code sentiment.b [sentiments]}.
 *
 * <p>Immutable after construction (the arrays are never written), so one instance may back models
 * used from several threads.
 */
public final class HeadWeights {

    public static final List<String> NAMES = List.of("att.w", "att.b", "att.v", "adapter.w", "adapter.b",
            "topic.w", "topic.b", "sentiment.w", "sentiment.b");

    private final HeadDimensions dims;
    private final Map<String, Tensor> tensors;

    private HeadWeights(HeadDimensions dims, Map<String, Tensor> tensors) {
        this.dims = dims;
        this.tensors = tensors;
    }

    /**
     * Checks that {@code tensors} hold exactly the expected names with the shapes implied by
     * {@code dims} and only finite values.
     *
     * @throws IllegalArgumentException naming the offending tensor; {@link WeightsProblem} tells
     *     whether it was a shape or a value problem
     */
    public static HeadWeights of(HeadDimensions dims, List<Tensor> tensors) {
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor tensor : tensors) {
            byName.put(tensor.name(), tensor);
        }
        Map<String, int[]> expected = expectedShapes(dims);
        if (!byName.keySet().equals(expected.keySet())) {
            throw new WeightsProblem(true, "Weights hold tensors " + byName.keySet() + ", expected " + expected.keySet());
        }
        for (var entry : expected.entrySet()) {
            Tensor tensor = byName.get(entry.getKey());
            if (!Arrays.equals(tensor.shape(), entry.getValue())) {
                throw new WeightsProblem(true, "Tensor " + entry.getKey() + " has shape " + Arrays.toString(tensor.shape())
                        + ", expected " + Arrays.toString(entry.getValue()));
            }
            int bad = tensor.firstNonFinite();
            if (bad >= 0) {
                throw new WeightsProblem(false, "Tensor " + entry.getKey() + " holds " + tensor.data()[bad]
                        + " at index " + bad);
            }
        }
        return new HeadWeights(dims, byName);
    }

    /** Shape of each tensor for {@code d}, in {@link #NAMES} order. */
    public static Map<String, int[]> expectedShapes(HeadDimensions d) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("att.w", new int[] {d.hidden(), d.attention()});
        shapes.put("att.b", new int[] {d.attention()});
        shapes.put("att.v", new int[] {d.attention(), 1});
        shapes.put("adapter.w", new int[] {d.hidden(), d.adapter()});
        shapes.put("adapter.b", new int[] {d.adapter()});
        shapes.put("topic.w", new int[] {d.adapter(), d.topics()});
        shapes.put("topic.b", new int[] {d.topics()});
        shapes.put("sentiment.w", new int[] {d.adapter(), d.sentiments()});
        shapes.put("sentiment.b", new int[] {d.sentiments()});
        return shapes;
    }

    public HeadDimensions dims() {
        return dims;
    }

    /** The tensors in {@link #NAMES} order. */
    public List<Tensor> tensors() {
        return NAMES.stream().map(tensors::get).toList();
    }

    /** Raw values of one tensor; callers must not modify them. */
    public float[] data(String name) {
        return tensors.get(name).data();
    }

    /** Thrown for weights that do not fit the declared dimensions or hold NaN/Inf. */
    public static final class WeightsProblem extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final boolean shape;

        WeightsProblem(boolean shape, String message) {
            super(message);
            this.shape = shape;
        }

        /** True for a missing tensor or a wrong shape, false for a non-finite value. */
        public boolean isShapeProblem() {
            return shape;
        }
    }
}
