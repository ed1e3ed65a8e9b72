package io.sentiflow.model;

import java.util.Arrays;

/**
 * Probabilities of both heads for one text, indexed like {@link ScoringModel#topicLabels()} and
 * {@link ScoringModel#sentimentLabels()}. Each array sums to 1.
 */
public record TextPrediction(float[] topicProbabilities, float[] sentimentProbabilities) {

    public TextPrediction {
        topicProbabilities = topicProbabilities.clone();
        sentimentProbabilities = sentimentProbabilities.clone();
    }

    /** Index of the most probable topic. */
    public int topTopic() {
        return argMax(topicProbabilities);
    }

    /** Index of the most probable sentiment. */
    public int topSentiment() {
        return argMax(sentimentProbabilities);
    }

    @Override
    public float[] topicProbabilities() {
        return topicProbabilities.clone();
    }

    @Override
    public float[] sentimentProbabilities() {
        return sentimentProbabilities.clone();
    }

    static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TextPrediction that
                && Arrays.equals(topicProbabilities, that.topicProbabilities)
                && Arrays.equals(sentimentProbabilities, that.sentimentProbabilities);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(topicProbabilities) + Arrays.hashCode(sentimentProbabilities);
    }

    @Override
    public String toString() {
        return "TextPrediction[topic=" + Arrays.toString(topicProbabilities)
                + ", sentiment=" + Arrays.toString(sentimentProbabilities) + "]";
    }
}
