package io.sentiflow.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.Heads;
import io.sentiflow.model.Tensor;
import io.sentiflow.testing.UntrainedVersions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadGrowthTest {

    private final HeadWeights parent = UntrainedVersions.weights(3);
    private final int hidden = parent.dims().hidden();
    private final Random random = new Random(11);
    /** Texts of the new class share a direction that the background's texts lack. */
    private final float[] shared = vector(3f);
    private final List<float[][]> newClass = texts(20, shared);
    private final List<float[][]> background = texts(200, new float[hidden]);

    @Test
    void aNewTopicAddsAColumnAndABiasAndKeepsEveryOtherWeight() {
        int topics = parent.dims().topics();
        int adapter = parent.dims().adapter();

        HeadWeights grown = HeadGrowth.addTopics(parent, List.of(newClass), background);

        assertThat(grown.dims().topics()).isEqualTo(topics + 1);
        float[] oldW = tensor(parent, "topic.w").data();
        float[] newW = tensor(grown, "topic.w").data();
        for (int row = 0; row < adapter; row++) {
            assertThat(Arrays.copyOfRange(newW, row * (topics + 1), row * (topics + 1) + topics))
                    .containsExactly(Arrays.copyOfRange(oldW, row * topics, (row + 1) * topics));
        }
        float[] bias = tensor(grown, "topic.b").data();
        assertThat(Arrays.copyOf(bias, topics)).containsExactly(tensor(parent, "topic.b").data());
        for (String name : new String[] {"att.w", "att.b", "att.v", "adapter.w", "adapter.b", "sentiment.w",
                "sentiment.b"}) {
            assertThat(tensor(grown, name).data()).containsExactly(tensor(parent, name).data());
        }
        assertThat(tensor(HeadGrowth.addTopics(parent, List.of(newClass), background), "topic.w").data())
                .as("deterministic").containsExactly(newW);
    }

    @Test
    void theImprintedClassIsPredictedForTextsLikeItsExamplesAndRarelyForOthers() {
        Heads grown = new Heads(HeadGrowth.addTopics(parent, List.of(newClass), background));
        int added = parent.dims().topics();

        double similar = shareOf(grown, texts(100, shared), added);
        double others = shareOf(grown, texts(100, new float[hidden]), added);

        // The bias sits level with the examples' strongest old class on average: about half win.
        assertThat(similar).isGreaterThanOrEqualTo(0.3);
        assertThat(others).isLessThanOrEqualTo(0.05);
    }

    @Test
    void noNewTopicReturnsTheParentAndAClassWithoutExamplesIsRefused() {
        assertThat(HeadGrowth.addTopics(parent, List.of(), background)).isSameAs(parent);
        assertThatThrownBy(() -> HeadGrowth.addTopics(parent, List.of(List.of()), background))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no examples");
    }

    private static double shareOf(Heads heads, List<float[][]> texts, int topic) {
        return texts.stream().filter(text -> heads.predict(text).topTopic() == topic).count() / (double) texts.size();
    }

    private List<float[][]> texts(int count, float[] offset) {
        List<float[][]> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[][] tokens = new float[4][];
            for (int t = 0; t < tokens.length; t++) {
                tokens[t] = vector(1f);
                for (int h = 0; h < hidden; h++) {
                    tokens[t][h] += offset[h];
                }
            }
            texts.add(tokens);
        }
        return texts;
    }

    private float[] vector(float scale) {
        float[] v = new float[hidden];
        for (int h = 0; h < hidden; h++) {
            v[h] = (float) random.nextGaussian() * scale / (float) Math.sqrt(hidden) * 4f;
        }
        return v;
    }

    private static Tensor tensor(HeadWeights weights, String name) {
        return weights.tensors().get(HeadWeights.NAMES.indexOf(name));
    }
}
