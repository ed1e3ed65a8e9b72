package io.sentiflow.alerts;

import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.EvidenceText;
import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Builds the {@link SentimentAlert} records of an episode. Stateless and thread-safe. */
public final class AlertFactory {

    private AlertFactory() {}

    /**
     * The id of an episode: a name-based UUID of key kind, key and the start of the window that
     * fired it, so a replay after a failure sends the same id and FIRING and RESOLVED share it.
     */
    public static String alertId(KeyKind kind, String key, long episodeStart) {
        String name = kind.name() + '|' + key + '|' + episodeStart;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * An alert about one window of a key.
     *
     * @param stats the window reported; for a RESOLVED after windows without texts, an empty one
     * @param state FIRING or RESOLVED
     * @param severity the episode's severity
     * @param episodeStart start of the window that fired the episode
     * @param baselineShare the key's normal share
     * @param zScore the window's z-score
     * @param firedAt processing time of emission
     */
    public static SentimentAlert alert(WindowStats stats, AlertState state, Severity severity, long episodeStart,
            double baselineShare, double zScore, long firedAt) {
        List<EvidenceText> evidence = Arrays.stream(stats.evidence())
                .map(e -> new EvidenceText(e.id(), e.snippet(), e.score()))
                .toList();
        return SentimentAlert.newBuilder()
                .setAlertId(alertId(stats.keyKind(), stats.key(), episodeStart))
                .setKeyKind(stats.keyKind())
                .setKey(stats.key())
                .setState(state)
                .setSeverity(severity)
                .setWindowStart(Instant.ofEpochMilli(stats.windowStart()))
                .setWindowEnd(Instant.ofEpochMilli(stats.windowEnd()))
                .setCount(stats.count())
                .setNegativeShare(stats.share())
                .setBaselineShare(baselineShare)
                .setZScore(zScore)
                .setEvidence(evidence)
                .setModelVersions(List.of(stats.modelVersions()))
                .setFiredAt(Instant.ofEpochMilli(firedAt))
                .build();
    }
}
