package io.sentiflow.learning;

import io.sentiflow.store.VersionStatus;
import java.util.Map;

/**
 * What one learning round produced: the candidate version (always in the store), its status
 * ({@code PUBLISHED} when the gate passed, {@code REFUSED} otherwise), the gate's decision, whether
 * the version was already in the store from an earlier run of the same round, whether it is now the
 * promoted version, and what a {@code ModelUpdate} needs (uri, manifest sha256, metrics).
 */
public record LearningOutcome(String version, String parentVersion, VersionStatus status, GateDecision gate,
        boolean alreadyInStore, String uri, String manifestSha256, Map<String, Double> metrics, boolean promoted) {

    public LearningOutcome {
        metrics = Map.copyOf(metrics);
    }
}
