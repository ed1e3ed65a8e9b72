package io.sentiflow.finetune;

import ai.djl.ndarray.NDArray;
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
                    gradient.set(new float[Math.toIntExact(gradient.size())]); // inf - inf would leave NaN
                }
            }
        }
        return finite;
    }
}
