package io.sentiflow.store;

import java.util.Map;

/** One line of {@link ModelStore#list()}. */
public record VersionSummary(String version, String parentVersion, String createdAt, VersionStatus status,
        String encoderKind, Map<String, Double> metrics, boolean promoted) {

    public VersionSummary {
        metrics = Map.copyOf(metrics);
    }
}
