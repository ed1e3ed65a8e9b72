package io.sentiflow.ingest;

import java.util.List;
import java.util.Objects;

/**
 * A text that passed validation and is ready to score: the fields of a {@code TextEvent} the
 * scoring path needs, with the entities already resolved (the producer's plus the cashtags found
 * in the text).
 *
 * <p>A public record, so Flink serializes it as a POJO rather than with Kryo.
 *
 * @param id the producer's unique id
 * @param source where the text comes from (newswire, twitter, ...)
 * @param text the full text, never blank
 * @param publishedAt event time, epoch milliseconds UTC
 * @param entities upper-case entity keys without duplicates, in order of first appearance
 */
public record ValidText(String id, String source, String text, long publishedAt, List<String> entities) {

    public ValidText {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        entities = List.copyOf(entities);
    }
}
