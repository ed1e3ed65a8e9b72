package io.sentiflow.schema.codec;

/**
 * Why one payload is invalid, thrown inside the codec's readers and turned into a {@link Decoded.Rejected}
 * by {@link RecordCodec#decode(byte[])}; it never leaves the codec.
 */
final class FieldException extends Exception {

    private final DecodeFailure failure;

    FieldException(DecodeFailure failure, String message) {
        // No stack trace: this is an expected outcome for bad input, and decoding must stay cheap.
        super(message, null, false, false);
        this.failure = failure;
    }

    DecodeFailure failure() {
        return failure;
    }
}
