package io.sentiflow.desk;

import io.sentiflow.schema.ScoredText;
import java.util.List;

/**
 * A scored text as the desk shows it and relabels it: the text (its first {@value #MAX_CHARS}
 * characters, far beyond the model's 64 tokens), the three sentiment probabilities, the top topic and
 * the version that scored it. Immutable.
 *
 * @param publishedAt event time, epoch milliseconds
 * @param scoredAt when the job scored it, epoch milliseconds
 * @param topics every topic the scoring version knows, for relabelling
 */
public record TextView(String id, String text, long publishedAt, long scoredAt, String sentiment, float bearish,
        float bullish, float neutral, String topic, float topicConfidence, List<String> entities,
        String modelVersion, List<String> topics) {

    static final int MAX_CHARS = 4_000;

    public TextView {
        entities = List.copyOf(entities);
        topics = List.copyOf(topics);
    }

    static TextView of(ScoredText scored) {
        String text = scored.getText();
        return new TextView(scored.getId(), text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text,
                scored.getPublishedAt().toEpochMilli(), scored.getScoredAt().toEpochMilli(),
                scored.getSentiment().getLabel(), scored.getSentiment().getBearish(),
                scored.getSentiment().getBullish(), scored.getSentiment().getNeutral(), scored.getTopic().getLabel(),
                scored.getTopic().getConfidence(), scored.getEntities(), scored.getModelVersion(),
                scored.getTopicProbabilities().keySet().stream().sorted().toList());
    }
}
