package io.sentiflow.alerts;

import io.sentiflow.schema.KeyKind;

/**
 * One scored text seen under one alert key (a topic or an entity): only what the window needs.
 *
 * @param keyKind whether {@code key} is a topic or an entity
 * @param key the topic name or the entity
 * @param id the TextEvent id
 * @param snippet the start of the text (see {@link EvidenceItem#snippetOf})
 * @param bearish P(bearish)
 * @param negative whether the text counts as negative under the configured rule
 * @param fingerprint {@link TextFingerprint} of the text, to count copies once
 * @param modelVersion the model version that scored the text
 * @param publishedAt event time, epoch milliseconds
 */
public record KeyedText(
        KeyKind keyKind,
        String key,
        String id,
        String snippet,
        float bearish,
        boolean negative,
        long fingerprint,
        String modelVersion,
        long publishedAt) {

    /** The string the stream is keyed by: kind and key, so a topic and a ticker never collide. */
    public String stateKey() {
        return stateKey(keyKind, key);
    }

    public static String stateKey(KeyKind kind, String key) {
        return kind.name() + ':' + key;
    }
}
