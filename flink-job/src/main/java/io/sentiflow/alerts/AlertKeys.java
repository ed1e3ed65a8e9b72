package io.sentiflow.alerts;

import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentPrediction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Fans a scored text out to every key it is about: its topic and its entities (the producer's
 * entities and the text's cashtags, which the scorer already merged), at most {@code
 * max-entities-per-text} of them, so that one large text cannot create thousands of keys, each
 * alive in every sliding window. What is left out is counted in {@value AlertMetrics#ENTITIES_DROPPED}.
 */
public final class AlertKeys extends RichFlatMapFunction<ScoredText, KeyedText> {

    private static final long serialVersionUID = 1L;

    /** An entity longer than this is no ticker or company id; as a state key it would only cost. */
    public static final int MAX_ENTITY_CHARS = 100;

    private final double negativeThreshold;
    private final int maxEntities;
    private transient Counter entitiesDropped;

    public AlertKeys(AlertConfig config) {
        this.negativeThreshold = config.negativeThreshold();
        this.maxEntities = config.maxEntitiesPerText();
    }

    /**
     * The keys of one text.
     *
     * @param keys the topic first, then the entities kept
     * @param dropped entities left out: beyond the cap or too long
     */
    record FanOut(List<KeyedText> keys, int dropped) {}

    /** Whether a text counts as negative: Bearish is its most probable class, or P(bearish) is above the threshold. */
    public static boolean isNegative(SentimentPrediction sentiment, double threshold) {
        float bearish = sentiment.getBearish();
        boolean argmax = bearish >= sentiment.getBullish() && bearish >= sentiment.getNeutral();
        return argmax || bearish > threshold;
    }

    @Override
    public void open(OpenContext openContext) {
        entitiesDropped = getRuntimeContext().getMetricGroup()
                .addGroup(AlertMetrics.GROUP).counter(AlertMetrics.ENTITIES_DROPPED);
    }

    @Override
    public void flatMap(ScoredText text, Collector<KeyedText> out) {
        FanOut fanOut = fanOut(text);
        fanOut.keys().forEach(out::collect);
        entitiesDropped.inc(fanOut.dropped());
    }

    FanOut fanOut(ScoredText text) {
        float bearish = text.getSentiment().getBearish();
        boolean negative = isNegative(text.getSentiment(), negativeThreshold);
        long fingerprint = TextFingerprint.of(text.getText());
        String snippet = EvidenceItem.snippetOf(text.getText());
        long publishedAt = text.getPublishedAt().toEpochMilli();
        List<KeyedText> keys = new ArrayList<>();
        String topic = text.getTopic() == null ? null : text.getTopic().getLabel();
        if (topic != null && !topic.isBlank()) {
            keys.add(new KeyedText(KeyKind.TOPIC, topic.strip(), text.getId(), snippet, bearish, negative,
                    fingerprint, text.getModelVersion(), publishedAt));
        }
        Set<String> entities = new LinkedHashSet<>();
        int dropped = 0;
        for (String entity : text.getEntities()) {
            String key = entity == null ? "" : entity.strip();
            if (key.isEmpty() || entities.contains(key)) {
                continue;
            }
            if (key.length() > MAX_ENTITY_CHARS || entities.size() >= maxEntities) {
                dropped++;
            } else {
                entities.add(key);
            }
        }
        for (String entity : entities) {
            keys.add(new KeyedText(KeyKind.ENTITY, entity, text.getId(), snippet, bearish, negative,
                    fingerprint, text.getModelVersion(), publishedAt));
        }
        return new FanOut(keys, dropped);
    }
}
