package io.sentiflow.ingest;

/**
 * Why a decodable record is still refused. Together with the codec's {@code DecodeFailure} these
 * names are the dead-letter error class and the {@code reason} tag of the {@code dlqRecords}
 * metric, so never rename one.
 */
public enum ValidationFailure {
    /** The text is empty or holds only whitespace: nothing to score. */
    EMPTY_TEXT,
    /** Key plus value exceed {@code sentiflow.ingest.max-record-bytes}; checked before decoding. */
    RECORD_TOO_LARGE,
    /**
     * {@code publishedAt} lies outside the window {@link IngestConfig#isPlausible} allows: a wrong
     * clock, which would otherwise hold event time ahead (future) or is garbage (epoch zero, 1999).
     */
    IMPLAUSIBLE_TIMESTAMP
}
