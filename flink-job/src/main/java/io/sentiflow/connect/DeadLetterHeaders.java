package io.sentiflow.connect;

/**
 * Names of the headers a dead-letter record carries; every value is UTF-8 text. A consumer of the
 * dead-letter topic finds the original record with the four {@code source} headers and learns why
 * it was refused from the two {@code error} headers. The same facts also go under Kafka Connect's
 * names ({@code __connect.errors.*}, as its {@code DeadLetterQueueReporter} writes them), so that
 * tooling built for Connect's dead-letter queues reads Sentiflow's too.
 */
public final class DeadLetterHeaders {

    public static final String SOURCE_TOPIC = "sentiflow.source.topic";
    public static final String SOURCE_PARTITION = "sentiflow.source.partition";
    public static final String SOURCE_OFFSET = "sentiflow.source.offset";
    public static final String SOURCE_TIMESTAMP = "sentiflow.source.timestamp";
    public static final String ERROR_CLASS = "sentiflow.error.class";
    public static final String ERROR_REASON = "sentiflow.error.reason";

    /** Kafka Connect's name for the original record's topic. */
    public static final String CONNECT_TOPIC = "__connect.errors.topic";
    /** Kafka Connect's name for the original record's partition. */
    public static final String CONNECT_PARTITION = "__connect.errors.partition";
    /** Kafka Connect's name for the original record's offset. */
    public static final String CONNECT_OFFSET = "__connect.errors.offset";
    /**
     * Kafka Connect's name for the failure's class. Connect puts a Java exception class there; most
     * of Sentiflow's dead letters are refused inputs, not exceptions, so it holds the error class
     * ({@link #ERROR_CLASS}, for example {@code EMPTY_TEXT}): a stable name to group them by.
     */
    public static final String CONNECT_EXCEPTION_CLASS = "__connect.errors.exception.class.name";
    /** Kafka Connect's name for the failure's message: the reason, as in {@link #ERROR_REASON}. */
    public static final String CONNECT_EXCEPTION_MESSAGE = "__connect.errors.exception.message";

    /**
     * Present only when the original key and value were too large to copy into the dead-letter
     * topic: their size in bytes. The record is still on the source topic at its coordinates.
     */
    public static final String VALUE_OMITTED = "sentiflow.value.omitted";

    private DeadLetterHeaders() {}
}
