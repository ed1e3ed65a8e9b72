package io.sentiflow.model;

import java.util.List;

/**
 * A loaded model version: a batch of texts in, topic and sentiment probabilities out.
 *
 * <p>The encoder runs once per text and feeds both heads. Not thread safe: use one instance per
 * thread (one per Flink subtask), open it in {@code open()} and close it in {@code close()}. The
 * caller that obtained the instance (for example from {@link io.sentiflow.store.ModelStore#load})
 * owns it and must close it; closing releases the native ONNX Runtime session.
 */
public interface ScoringModel extends AutoCloseable {

    /** The store version these weights came from. */
    String version();

    /** Topic names by id; index i is the probability at {@code topicProbabilities()[i]}. */
    List<String> topicLabels();

    /** Sentiment names by id (Bearish, Bullish, Neutral). */
    List<String> sentimentLabels();

    /**
     * Scores a batch of texts; the result has one prediction per text, in order. Empty texts are
     * allowed (they score as the encoder's empty input).
     */
    List<TextPrediction> predict(List<String> texts);

    /** Releases the native encoder session; the model cannot be used afterwards. */
    @Override
    void close();
}
