package io.sentiflow.ingest;

import io.sentiflow.connect.RawRecord;
import java.util.List;
import java.util.Objects;

/**
 * A text that passed validation and is ready to score: the fields of a {@code TextEvent} the
 * scoring path needs, with the entities already resolved (the producer's plus the cashtags found
 * in the text), and the Kafka record it came from, so that a text the model cannot score still
 * reaches the dead-letter topic with its original bytes and coordinates.
 *
 * <p>A public record, so Flink serializes it as a POJO rather than with Kryo.
 *
 * @param id the producer's unique id
 * @param source where the text comes from (newswire, twitter, ...)
 * @param text the full text, never blank
 * @param publishedAt event time, epoch milliseconds UTC, within the plausible window
 * @param entities upper-case entity keys without duplicates, in order of first appearance
 * @param origin the record as read from {@code news.raw}
 */
public record ValidText(
        String id, String source, String text, long publishedAt, List<String> entities, RawRecord origin) {

    public ValidText {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        entities = List.copyOf(entities);
    }
}
