package io.sentiflow.schema.codec;

import java.util.Objects;

/**
 * The outcome of decoding one payload: either the record and the wire format it came in, or the reason it
 * was rejected. Decoding never throws on bad input; callers route {@link Rejected} to the DLQ with
 * {@link Rejected#failure()} as the reason and {@link Rejected#message()} as the readable detail.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param <T> the record type
 */
public sealed interface Decoded<T> permits Decoded.Ok, Decoded.Rejected {

    /** Whether this is an {@link Ok}. */
    default boolean isOk() {
        return this instanceof Ok;
    }

    /**
     * A decoded record.
     *
     * @param value the record, valid per its schema
     * @param format how it was encoded on the wire
     */
    record Ok<T>(T value, WireFormat format) implements Decoded<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(format, "format");
        }
    }

    /**
     * A rejected payload.
     *
     * @param failure the reason, used as DLQ reason and metric tag
     * @param message what was wrong, in words a producer can act on
     */
    record Rejected<T>(DecodeFailure failure, String message) implements Decoded<T> {
        public Rejected {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(message, "message");
        }
    }
}
