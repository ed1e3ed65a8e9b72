package io.sentiflow.desk;

import io.sentiflow.schema.AlertVerdict;
import io.sentiflow.schema.Verdict;
import java.util.HashMap;
import java.util.Map;

/**
 * The analysts' verdicts, each analyst's latest per alert (as the compacted topic keeps them), counted
 * per alert and per key. Not thread safe; {@link DeskState} guards it.
 */
final class VerdictLog {

    /** Verdicts on an alert or on a key's alerts. */
    record Count(int useful, int noise) {}

    private final Map<String, AlertVerdict> latest = new HashMap<>();

    void add(AlertVerdict verdict) {
        latest.merge(VerdictLog.key(verdict.getAlertId(), verdict.getAnalyst()), verdict,
                (old, fresh) -> fresh.getGivenAt().isBefore(old.getGivenAt()) ? old : fresh);
    }

    Count ofAlert(String alertId) {
        return count(latest.values().stream().filter(v -> v.getAlertId().equals(alertId)).toList());
    }

    Count ofKey(String kind, String key) {
        return count(latest.values().stream()
                .filter(v -> v.getKeyKind().name().equals(kind) && v.getKey().equals(key)).toList());
    }

    /** The Kafka key of a verdict: compaction keeps one per alert and analyst. */
    static String key(String alertId, String analyst) {
        return alertId + '|' + analyst;
    }

    private static Count count(Iterable<AlertVerdict> verdicts) {
        int useful = 0;
        int noise = 0;
        for (AlertVerdict verdict : verdicts) {
            if (verdict.getVerdict() == Verdict.USEFUL) {
                useful++;
            } else {
                noise++;
            }
        }
        return new Count(useful, noise);
    }
}
