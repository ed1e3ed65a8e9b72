package io.sentiflow.connect;

import java.util.Objects;

/**
 * A record that cannot be processed, bound for the dead-letter topic: the record exactly as it
 * was read, plus why it was refused.
 *
 * <p>A public record, so Flink serializes it as a POJO.
 *
 * @param original the record as read, bytes untouched
 * @param errorClass a stable code of the failure, for example {@code EMPTY_TEXT} or
 *     {@code UNKNOWN_FINGERPRINT}; also the metric tag
 * @param reason a sentence a person can act on
 */
public record DeadLetter(RawRecord original, String errorClass, String reason) {

    public DeadLetter {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(errorClass, "errorClass");
        Objects.requireNonNull(reason, "reason");
    }
}
