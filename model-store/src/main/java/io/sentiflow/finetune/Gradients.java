package io.sentiflow.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;

/**
 * Applies one step's gradients: clipped to a global L2 norm of {@value #MAX_NORM} (as BERT fine-tuning
 * does), or skipped when the norm is not finite. Measured here: one batch in the first epoch gave a
 * gradient of 4e21 with an ordinary loss; AdamW turned it into infinities and the next steps into NaN.
 * Gradients are zeroed after every step, since PyTorch accumulates them across backward passes.
 */
final class Gradients {

    static final float MAX_NORM = 1f;

    /**
     * Zeroing writes into the gradient's own storage. {@code set(float[])} must not be used here: on
     * the CPU, DJL's PyTorch engine points the tensor at the Java buffer (from_blob) and keeps that
     * buffer only in the wrapper it was called on; once that wrapper was closed and collected, the
     * parameter's gradient lived in freed memory, and a later step crashed the JVM (SIGSEGV in zeroGrad
     * or the Adam kernel, after 3 to 50 minutes depending on the heap, so on when the buffer was
     * collected).
     */
    private static final NDIndex EVERYTHING = new NDIndex("...");

    private Gradients() {}

    /** An array the optimizer updates under {@code id}. */
    record Trainable(Optimizer optimizer, String id, NDArray weight) {}

    /** Updates every weight from its gradient; returns false (nothing updated) when the norm was not finite. */
    static boolean apply(List<Trainable> trainables) {
        double sumOfSquares = 0;
        for (Trainable trainable : trainables) {
            try (NDArray gradient = trainable.weight().getGradient(); NDArray squares = gradient.square();
                    NDArray sum = squares.sum()) {
                sumOfSquares += sum.getFloat();
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        boolean finite = Double.isFinite(norm);
        for (Trainable trainable : trainables) {
            try (NDArray gradient = trainable.weight().getGradient()) {
                if (finite) {
                    if (norm > MAX_NORM) {
                        gradient.muli((float) (MAX_NORM / norm));
                    }
                    trainable.optimizer().update(trainable.id(), trainable.weight(), gradient);
                    gradient.subi(gradient);
                } else {
                    gradient.set(EVERYTHING, 0f); // inf - inf would leave NaN
                }
            }
        }
        return finite;
    }
}
