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

/**
 * Scores one micro-batch with one model call: identical texts are given to the model once, and
 * the encoder's single pass per text feeds both heads. Plain Java, so it is tested without Flink.
 *
 * <p>Stateless and thread-safe; the model it is given is not (use it from one thread). Public so
 * that the pipeline benchmark's one-call-per-record job writes exactly the same records.
 */
public final class BatchScorer {

    static final String BEARISH = "Bearish";
    static final String BULLISH = "Bullish";
    static final String NEUTRAL = "Neutral";

    /**
     * The scored records of a batch, in input order, and what the model call cost.
     *
     * @param records one per input text, in input order
     * @param distinctTexts how many texts the model encoded
     * @param inferenceNanos wall time of the model call
     */
    public record ScoredBatch(List<ScoredText> records, int distinctTexts, long inferenceNanos) {
        public ScoredBatch {
            records = List.copyOf(records);
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
        List<TextPrediction> predictions = model.predict(distinct.texts());
        long inferenceNanos = System.nanoTime() - start;
        if (predictions.size() != distinct.texts().size()) {
            throw new IllegalStateException("model version " + model.version() + " returned "
                    + predictions.size() + " predictions for " + distinct.texts().size() + " texts");
        }
        Labels labels = Labels.of(model);
        Instant scoredAt = Instant.ofEpochMilli(scoredAtMillis);
        List<ScoredText> records = new ArrayList<>(batch.size());
        for (int position = 0; position < batch.size(); position++) {
            TextPrediction prediction = predictions.get(distinct.indexOf(position));
            records.add(toScoredText(batch.get(position), prediction, labels, model.version(), scoredAt));
        }
        return new ScoredBatch(records, distinct.texts().size(), inferenceNanos);
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
