package io.sentiflow.ingest;

import io.sentiflow.connect.DeadLetter;

/**
 * What the raw source emits for one Kafka record: a {@link ValidText} to score, or the {@link
 * DeadLetter} that says why not. Exactly one of the two is set.
 *
 * <p>One type for both, because the source decides which it is (it needs {@code publishedAt} for
 * event time per Kafka partition) and a source has a single output. A public record with nullable
 * fields, so Flink serializes it as a POJO.
 *
 * @param text the text to score, or null
 * @param deadLetter the refused record, or null
 */
public record IngestedRecord(ValidText text, DeadLetter deadLetter) {

    public IngestedRecord {
        if ((text == null) == (deadLetter == null)) {
            throw new IllegalArgumentException("exactly one of text and deadLetter must be set");
        }
    }

    public static IngestedRecord valid(ValidText text) {
        return new IngestedRecord(text, null);
    }

    public static IngestedRecord refused(DeadLetter letter) {
        return new IngestedRecord(null, letter);
    }

    public boolean isValid() {
        return text != null;
    }
}
