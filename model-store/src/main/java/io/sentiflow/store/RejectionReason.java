package io.sentiflow.store;

/** Why a version was refused; also the tag of the swap operator's refusal metric. */
public enum RejectionReason {
    UNKNOWN_VERSION,
    MISSING_FILE,
    CHECKSUM_MISMATCH,
    MANIFEST_MISMATCH,
    PATH_OUTSIDE_ROOT,
    UNKNOWN_ENCODER,
    DIMENSION_MISMATCH,
    LABEL_MISMATCH,
    INVALID_WEIGHTS,
    NOT_PUBLISHED,
    UNREADABLE
}
