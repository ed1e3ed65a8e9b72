package io.sentiflow.scoring;

import io.sentiflow.ingest.ValidText;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentPrediction;
import io.sentiflow.schema.TopicPrediction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores one micro-batch: identical texts are given to the model once, the encoder's single pass
 * per text feeds both heads, and a text the model fails on is isolated ({@link PoisonIsolation})
 * instead of failing the batch. Plain Java, so it is tested without Flink.
 *
 * <p>Stateless and thread-safe; the model it is given is not (use it from one thread). Public so
 * that the pipeline benchmark's one-call-per-record job writes exactly the same records.
 */
public final class BatchScorer {

    static final String BEARISH = "Bearish";
    static final String BULLISH = "Bullish";
    static final String NEUTRAL = "Neutral";

    /** What became of one text of a batch. */
    public sealed interface TextResult permits Scored, Unscorable {}

    /** The text's scored record. */
    public record Scored(ScoredText record) implements TextResult {}

    /** The model failed on the text every time it was tried; {@code error} says how. */
    public record Unscorable(String error) implements TextResult {
        public Unscorable {
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * The results of a batch, in input order, and what the model calls cost.
     *
     * @param results one per input text, in input order
     * @param distinctTexts how many texts the model encoded
     * @param inferenceNanos wall time of the model calls
     * @param modelCalls how many calls that took: 1, unless a text had to be isolated
     */
    public record ScoredBatch(List<TextResult> results, int distinctTexts, long inferenceNanos, int modelCalls) {
        public ScoredBatch {
            results = List.copyOf(results);
        }

        /** How many texts of the batch the model failed on. */
        public int unscorableTexts() {
            return (int) results.stream().filter(Unscorable.class::isInstance).count();
        }

        /** The scored record at {@code position}; fails if the text there was unscorable. */
        public ScoredText record(int position) {
            if (results.get(position) instanceof Scored scored) {
                return scored.record();
            }
            throw new IllegalStateException("text " + position + " of the batch was not scored: " + results.get(position));
        }
    }

    private BatchScorer() {}

    public static ScoredBatch score(ScoringModel model, List<ValidText> batch, long scoredAtMillis) {
        List<String> texts = new ArrayList<>(batch.size());
        for (ValidText text : batch) {
            texts.add(text.text());
        }
        DistinctTexts distinct = DistinctTexts.of(texts);
        long start = System.nanoTime();
        PoisonIsolation.Predictions predictions = PoisonIsolation.predict(model, distinct.texts());
        long inferenceNanos = System.nanoTime() - start;
        Labels labels = Labels.of(model);
        Instant scoredAt = Instant.ofEpochMilli(scoredAtMillis);
        List<TextResult> results = new ArrayList<>(batch.size());
        for (int position = 0; position < batch.size(); position++) {
            int index = distinct.indexOf(position);
            results.add(predictions.failed(index)
                    ? new Unscorable(predictions.errors()[index])
                    : new Scored(toScoredText(batch.get(position), predictions.predictions()[index], labels,
                            model.version(), scoredAt)));
        }
        return new ScoredBatch(results, distinct.texts().size(), inferenceNanos, predictions.modelCalls());
    }

    private static ScoredText toScoredText(
            ValidText input, TextPrediction prediction, Labels labels, String version, Instant scoredAt) {
        float[] topics = prediction.topicProbabilities();
        float[] sentiments = prediction.sentimentProbabilities();
        int topTopic = prediction.topTopic();
        Map<String, Float> byTopic = new HashMap<>(topics.length * 2);
        for (int i = 0; i < topics.length; i++) {
            byTopic.put(labels.topics.get(i), topics[i]);
        }
        TopicPrediction topic = new TopicPrediction(labels.topics.get(topTopic), topTopic, topics[topTopic]);
        SentimentPrediction sentiment = new SentimentPrediction(
                labels.sentiments.get(prediction.topSentiment()),
                sentiments[labels.bearish],
                sentiments[labels.bullish],
                sentiments[labels.neutral]);
        return new ScoredText(input.id(), input.source(), Instant.ofEpochMilli(input.publishedAt()),
                input.text(), topic, byTopic, sentiment, input.entities(), version, scoredAt);
    }

    /** A model's label maps, with the position of each sentiment class looked up by name. */
    private record Labels(List<String> topics, List<String> sentiments, int bearish, int bullish, int neutral) {

        static Labels of(ScoringModel model) {
            List<String> sentiments = model.sentimentLabels();
            return new Labels(model.topicLabels(), sentiments,
                    indexOf(sentiments, BEARISH, model), indexOf(sentiments, BULLISH, model),
                    indexOf(sentiments, NEUTRAL, model));
        }

        private static int indexOf(List<String> labels, String label, ScoringModel model) {
            int index = labels.indexOf(label);
            if (index < 0) {
                throw new IllegalStateException(
                        "model version " + model.version() + " has no sentiment class " + label + ": " + labels);
            }
            return index;
        }
    }
}
