package io.sentiflow.swap;

import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import java.util.List;
import java.util.Set;

/**
 * The last checks before a loaded version may score: it is the version that was asked for, its
 * sentiment classes are the three the output schema names, and it scores a few headlines with
 * finite probabilities of the right shapes. Scoring them also pays the encoder's first-call cost
 * (session and allocator warm-up) on the loader thread instead of in the first live batch.
 */
public final class ModelWarmup {

    /** Short and long, with a cashtag and a duplicate, like the traffic it will see. */
    public static final List<String> TEXTS = List.of(
            "$AAPL beats earnings estimates as iPhone sales jump",
            "Fed holds rates steady, signals two cuts later this year",
            "Oil slides 3% on demand worries",
            "$AAPL beats earnings estimates as iPhone sales jump",
            "Shares of regional banks fell sharply on Tuesday after a lender reported deposit outflows"
                    + " and cut its full-year guidance, reviving concerns about funding costs");

    private static final Set<String> SENTIMENTS = Set.of("Bearish", "Bullish", "Neutral");

    private ModelWarmup() {}

    /**
     * Returns {@code model} if it passes; otherwise closes it and throws, saying what is wrong.
     */
    public static ScoringModel check(ScoringModel model, ModelPointer expected) {
        try {
            verify(model, expected);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static void verify(ScoringModel model, ModelPointer expected) {
        if (!expected.version().equals(model.version())) {
            throw new IllegalStateException("asked for version " + expected.version()
                    + " but " + expected.uri() + " holds version " + model.version());
        }
        if (model.sentimentLabels().size() != SENTIMENTS.size()
                || !SENTIMENTS.equals(Set.copyOf(model.sentimentLabels()))) {
            throw new IllegalStateException("sentiment classes must be " + SENTIMENTS
                    + ", were " + model.sentimentLabels());
        }
        if (model.topicLabels().isEmpty()) {
            throw new IllegalStateException("version " + model.version() + " has no topics");
        }
        List<TextPrediction> predictions = model.predict(TEXTS);
        if (predictions.size() != TEXTS.size()) {
            throw new IllegalStateException("warm-up returned " + predictions.size()
                    + " predictions for " + TEXTS.size() + " texts");
        }
        for (TextPrediction prediction : predictions) {
            requireDistribution("topic", prediction.topicProbabilities(), model.topicLabels().size());
            requireDistribution("sentiment", prediction.sentimentProbabilities(), SENTIMENTS.size());
        }
    }

    private static void requireDistribution(String head, float[] probabilities, int classes) {
        if (probabilities.length != classes) {
            throw new IllegalStateException(head + " head returned " + probabilities.length
                    + " probabilities for " + classes + " classes");
        }
        double sum = 0;
        for (float p : probabilities) {
            if (!Float.isFinite(p) || p < 0) {
                throw new IllegalStateException(head + " head returned a probability of " + p);
            }
            sum += p;
        }
        // Softmax in float over 20 classes sums to 1 within about 1e-6; 1e-3 only catches real faults.
        if (Math.abs(sum - 1) > 1e-3) {
            throw new IllegalStateException(head + " head probabilities sum to " + sum + ", not 1");
        }
    }
}
