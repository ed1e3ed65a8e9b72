package io.sentiflow.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientsTest {

    private static final Optimizer SGD = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1f)).build();

    @Test
    void clipsTheGlobalNormToOneAndZeroesTheGradient() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray weight = manager.create(new float[] {0f, 0f});
            weight.setRequiresGradient(true);
            backward(weight, manager.create(new float[] {3f, 4f})); // gradient norm 5

            assertThat(Gradients.apply(List.of(new Gradients.Trainable(SGD, "w", weight)))).isTrue();

            float[] moved = weight.toFloatArray();
            assertThat(moved[0]).isCloseTo(-0.6f, within(1e-6f));
            assertThat(moved[1]).isCloseTo(-0.8f, within(1e-6f));
            assertThat(weight.getGradient().toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void skipsAStepWithAnInfiniteGradientAndLeavesNoNaNForTheNextOne() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray weight = manager.create(new float[] {1f, 2f});
            weight.setRequiresGradient(true);
            backward(weight, manager.create(new float[] {Float.POSITIVE_INFINITY, 1f}));

            assertThat(Gradients.apply(List.of(new Gradients.Trainable(SGD, "w", weight)))).isFalse();
            assertThat(weight.toFloatArray()).containsExactly(1f, 2f);

            backward(weight, manager.create(new float[] {0.3f, 0.4f}));
            assertThat(Gradients.apply(List.of(new Gradients.Trainable(SGD, "w", weight)))).isTrue();
            assertThat(weight.toFloatArray()[0]).isCloseTo(0.7f, within(1e-6f));
        }
    }

    /** Accumulates {@code slope} into the weight's gradient (d(w . slope)/dw). */
    private static void backward(NDArray weight, NDArray slope) {
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            collector.backward(weight.mul(slope).sum());
        }
    }
}
