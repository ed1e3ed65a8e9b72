package io.sentiflow.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.Heads;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.testing.UntrainedVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Java forward pass that serves must compute what the PyTorch graph trained. */
class HeadsParityTest {

    @Test
    void javaHeadsEqualThePyTorchForwardPassOnTextsOfDifferentLengths() {
        HeadWeights weights = UntrainedVersions.weights(11);
        Random random = new Random(5);
        List<EncodedText> texts = new ArrayList<>();
        for (int length : new int[] {2, 7, 64, 13, 3}) {
            float[][] tokens = new float[length][EncoderKind.HIDDEN_SIZE];
            for (float[] token : tokens) {
                for (int i = 0; i < token.length; i++) {
                    token[i] = (float) random.nextGaussian();
                }
            }
            texts.add(EncodedText.of(tokens));
        }

        List<TextPrediction> pytorch;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            pytorch = HeadGraph.predict(weights, texts, manager);
        }
        Heads heads = new Heads(weights);

        for (int i = 0; i < texts.size(); i++) {
            TextPrediction java = heads.predict(texts.get(i).toFloats());
            assertClose(java.topicProbabilities(), pytorch.get(i).topicProbabilities());
            assertClose(java.sentimentProbabilities(), pytorch.get(i).sentimentProbabilities());
        }
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-5f));
        }
    }
}
