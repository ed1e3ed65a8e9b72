package io.sentiflow.store;

/** Lifecycle state written in a manifest: servable, or kept for the record but refused. */
public enum VersionStatus {
    PUBLISHED,
    REFUSED
}
