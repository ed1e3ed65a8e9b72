package io.sentiflow.alerts;

import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentPrediction;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Fans a scored text out to every key it is about: its topic and each of its entities (the
 * producer's entities and the text's cashtags, which the scorer already merged).
 */
public final class AlertKeys implements FlatMapFunction<ScoredText, KeyedText> {

    private static final long serialVersionUID = 1L;

    private final double negativeThreshold;

    public AlertKeys(AlertConfig config) {
        this.negativeThreshold = config.negativeThreshold();
    }

    /** Whether a text counts as negative: Bearish is its most probable class, or P(bearish) is above the threshold. */
    public static boolean isNegative(SentimentPrediction sentiment, double threshold) {
        float bearish = sentiment.getBearish();
        boolean argmax = bearish >= sentiment.getBullish() && bearish >= sentiment.getNeutral();
        return argmax || bearish > threshold;
    }

    @Override
    public void flatMap(ScoredText text, Collector<KeyedText> out) {
        float bearish = text.getSentiment().getBearish();
        boolean negative = isNegative(text.getSentiment(), negativeThreshold);
        long fingerprint = TextFingerprint.of(text.getText());
        String snippet = EvidenceItem.snippetOf(text.getText());
        long publishedAt = text.getPublishedAt().toEpochMilli();
        String topic = text.getTopic() == null ? null : text.getTopic().getLabel();
        if (topic != null && !topic.isBlank()) {
            out.collect(new KeyedText(KeyKind.TOPIC, topic.strip(), text.getId(), snippet, bearish, negative,
                    fingerprint, text.getModelVersion(), publishedAt));
        }
        Set<String> entities = new LinkedHashSet<>();
        for (String entity : text.getEntities()) {
            if (entity != null && !entity.isBlank()) {
                entities.add(entity.strip());
            }
        }
        for (String entity : entities) {
            out.collect(new KeyedText(KeyKind.ENTITY, entity, text.getId(), snippet, bearish, negative,
                    fingerprint, text.getModelVersion(), publishedAt));
        }
    }
}
