package io.sentiflow.learner;

import io.sentiflow.learning.LearningOutcome;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.store.Manifest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code ModelUpdate} that announces a version a learning round published. Stateless. */
public final class ModelUpdates {

    /** Why the learner published a version, as {@code ModelUpdate.reason}. */
    public static final String REASON = "feedback learning";

    /** The Kafka key of every update: {@code model.updates} is compacted, so the newest version survives. */
    public static final String KEY = "model";

    private ModelUpdates() {}

    /** The update for {@code outcome}, with the version's metrics and gate figures and its manifest's creation time. */
    public static ModelUpdate of(LearningOutcome outcome, Manifest manifest) {
        Map<String, Double> metrics = new LinkedHashMap<>(outcome.metrics());
        metrics.putAll(outcome.gate().asMetrics());
        return ModelUpdate.newBuilder()
                .setVersion(outcome.version())
                .setUri(outcome.uri())
                .setManifestSha256(outcome.manifestSha256())
                .setParentVersion(outcome.parentVersion())
                .setCreatedAt(Instant.parse(manifest.createdAt()))
                .setMetrics(metrics)
                .setReason(REASON)
                .build();
    }
}
