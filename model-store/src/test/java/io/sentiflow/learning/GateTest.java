package io.sentiflow.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.model.Heads;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.testing.UntrainedVersions;
import io.sentiflow.training.EncodedText;
import io.sentiflow.training.Example;
import io.sentiflow.training.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The gate on two fixed heads and examples labelled from their own predictions, so every accuracy is
 * known exactly: the candidate wins the hold-out 1.0 to 0.0, and both score 0.8 on the regression set.
 */
class GateTest {

    private static final String SET = "sentiment.valid";

    private final Heads current = new Heads(UntrainedVersions.weights(3));
    private final Heads candidate = new Heads(UntrainedVersions.weights(4));
    private final Gate gate = new Gate(LearningSettings.defaults());
    private final List<Example> holdout = new ArrayList<>();
    private final List<Gate.MappedSet> regression;

    GateTest() {
        Random random = new Random(5);
        List<Example> regressionExamples = new ArrayList<>();
        while (holdout.size() < 10 || regressionExamples.size() < 100) {
            EncodedText text = text(random);
            int now = sentiment(current, text);
            int next = sentiment(candidate, text);
            if (now != next && holdout.size() < 10) {
                holdout.add(new Example(text, Task.SENTIMENT, next));
            } else if (now == next && regressionExamples.size() < 100) {
                // 80 both get right, 20 both get wrong.
                int label = regressionExamples.size() < 80 ? now : (now + 1) % 3;
                regressionExamples.add(new Example(text, Task.SENTIMENT, label));
            }
        }
        regression = List.of(new Gate.MappedSet(SET, regressionExamples));
    }

    @Test
    void aFirstRoundStartsTheFloorAtTheCurrentVersionsAccuracyAndRecordsIt() {
        GateDecision decision = gate.decide(current, candidate, holdout, regression, Map.of(), List.of());

        assertThat(decision.passed()).as(decision.reason()).isTrue();
        assertThat(decision.candidateHoldoutAccuracy()).isEqualTo(1.0);
        assertThat(decision.currentHoldoutAccuracy()).isEqualTo(0.0);
        assertThat(decision.regressionFloors()).containsEntry(SET, 0.8);
        assertThat(decision.asMetrics()).containsEntry("gate.regression." + SET + ".floor.accuracy", 0.8)
                .containsEntry("gate.regression." + SET + ".size", 100.0);
    }

    @Test
    void aLineageThatHasLostMoreThanItsMarginSinceItsFloorIsRefusedEvenIfThisRoundLosesNothing() {
        GateDecision within = gate.decide(current, candidate, holdout, regression, Map.of(SET, 0.815), List.of());
        GateDecision beyond = gate.decide(current, candidate, holdout, regression, Map.of(SET, 0.83), List.of());

        assertThat(within.passed()).as(within.reason()).isTrue();
        assertThat(within.regressionFloors()).as("the floor is carried, not raised or lowered")
                .containsEntry(SET, 0.815);
        assertThat(beyond.passed()).isFalse();
        assertThat(beyond.reason()).contains("lineage has lost more than its margin on " + SET)
                .contains("lineage floor 0.8300");
    }

    @Test
    void floorsAreReadBackFromAManifestOnlyForSetsOfTheSameSize() {
        Map<String, Double> metrics = gate.decide(current, candidate, holdout, regression, Map.of(SET, 0.815),
                List.of()).asMetrics();
        List<Gate.MappedSet> smaller = List.of(new Gate.MappedSet(SET, regression.get(0).examples().subList(0, 50)));

        assertThat(Gate.floors(metrics, regression)).containsExactly(Map.entry(SET, 0.815));
        assertThat(Gate.floors(metrics, smaller)).isEmpty();
        assertThat(Gate.floors(Map.of(), regression)).as("a trained version carries no floor").isEmpty();
    }

    private static int sentiment(Heads heads, EncodedText text) {
        TextPrediction prediction = heads.predict(text.toFloats());
        return prediction.topSentiment();
    }

    private static EncodedText text(Random random) {
        float[][] tokens = new float[3][UntrainedVersions.DIMS.hidden()];
        for (float[] token : tokens) {
            for (int h = 0; h < token.length; h++) {
                token[h] = (float) random.nextGaussian();
            }
        }
        return EncodedText.of(tokens);
    }
}
