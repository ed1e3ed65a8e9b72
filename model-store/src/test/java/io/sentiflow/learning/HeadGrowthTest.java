package io.sentiflow.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.Tensor;
import io.sentiflow.testing.UntrainedVersions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeadGrowthTest {

    @Test
    void aNewTopicAddsAColumnAndABiasAndKeepsEveryOtherWeight() {
        HeadWeights parent = UntrainedVersions.weights(3);
        int topics = parent.dims().topics();
        int adapter = parent.dims().adapter();

        HeadWeights grown = HeadGrowth.addTopics(parent, 1, 5L);

        assertThat(grown.dims().topics()).isEqualTo(topics + 1);
        float[] oldW = tensor(parent, "topic.w").data();
        float[] newW = tensor(grown, "topic.w").data();
        for (int row = 0; row < adapter; row++) {
            assertThat(Arrays.copyOfRange(newW, row * (topics + 1), row * (topics + 1) + topics))
                    .containsExactly(Arrays.copyOfRange(oldW, row * topics, (row + 1) * topics));
            assertThat(Math.abs(newW[row * (topics + 1) + topics])).isLessThanOrEqualTo(HeadGrowth.INIT_RANGE);
        }
        float[] bias = tensor(grown, "topic.b").data();
        assertThat(Arrays.copyOf(bias, topics)).containsExactly(tensor(parent, "topic.b").data());
        for (String name : new String[] {"att.w", "att.b", "att.v", "adapter.w", "adapter.b", "sentiment.w",
                "sentiment.b"}) {
            assertThat(tensor(grown, name).data()).containsExactly(tensor(parent, name).data());
        }
        assertThat(tensor(HeadGrowth.addTopics(parent, 1, 5L), "topic.w").data()).containsExactly(newW);
    }

    private static Tensor tensor(HeadWeights weights, String name) {
        return weights.tensors().get(HeadWeights.NAMES.indexOf(name));
    }
}
