package io.sentiflow.connect;

/**
 * Names of the headers a dead-letter record carries; every value is UTF-8 text. A consumer of the
 * dead-letter topic finds the original record with the four {@code source} headers and learns why
 * it was refused from the two {@code error} headers.
 */
public final class DeadLetterHeaders {

    public static final String SOURCE_TOPIC = "sentiflow.source.topic";
    public static final String SOURCE_PARTITION = "sentiflow.source.partition";
    public static final String SOURCE_OFFSET = "sentiflow.source.offset";
    public static final String SOURCE_TIMESTAMP = "sentiflow.source.timestamp";
    public static final String ERROR_CLASS = "sentiflow.error.class";
    public static final String ERROR_REASON = "sentiflow.error.reason";
    /**
     * Present only when the original key and value were too large to copy into the dead-letter
     * topic: their size in bytes. The record is still on the source topic at its coordinates.
     */
    public static final String VALUE_OMITTED = "sentiflow.value.omitted";

    private DeadLetterHeaders() {}
}
