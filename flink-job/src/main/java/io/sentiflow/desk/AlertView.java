package io.sentiflow.desk;

import io.sentiflow.schema.EvidenceText;
import io.sentiflow.schema.SentimentAlert;
import java.util.List;

/**
 * One alert record (a FIRING or a RESOLVED) as the desk lists it; times in epoch milliseconds.
 * Immutable.
 *
 * @param evidence the evidence the alert carries: id, snippet and P(bearish)
 */
public record AlertView(String alertId, String kind, String key, String state, String severity, long windowStart,
        long windowEnd, long count, double share, double baseline, double z, List<Evidence> evidence,
        List<String> modelVersions, long firedAt) {

    /** One evidence text as the alert names it. */
    public record Evidence(String id, String snippet, float bearish) {}

    public AlertView {
        evidence = List.copyOf(evidence);
        modelVersions = List.copyOf(modelVersions);
    }

    static AlertView of(SentimentAlert alert) {
        return new AlertView(alert.getAlertId(), alert.getKeyKind().name(), alert.getKey(), alert.getState().name(),
                alert.getSeverity().name(), alert.getWindowStart().toEpochMilli(), alert.getWindowEnd().toEpochMilli(),
                alert.getCount(), alert.getNegativeShare(), alert.getBaselineShare(), alert.getZScore(),
                alert.getEvidence().stream().map(AlertView::evidence).toList(), alert.getModelVersions(),
                alert.getFiredAt().toEpochMilli());
    }

    private static Evidence evidence(EvidenceText text) {
        return new Evidence(text.getId(), text.getSnippet(), text.getScore());
    }
}
