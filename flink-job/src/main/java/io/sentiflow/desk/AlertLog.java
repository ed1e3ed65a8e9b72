package io.sentiflow.desk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert episodes within the desk's history, by alertId. Not thread safe; {@link DeskState} guards it.
 */
final class AlertLog {

    private final Duration history;
    private final Map<String, Episode> episodes = new LinkedHashMap<>();

    AlertLog(Duration history) {
        this.history = history;
    }

    /** Adds a FIRING or RESOLVED; returns its episode. */
    Episode add(AlertView alert) {
        return episodes.merge(alert.alertId(), new Episode(alert.alertId(), alert.kind(), alert.key(), null, null)
                .with(alert), (old, fresh) -> old.with(alert));
    }

    Optional<Episode> get(String alertId) {
        return Optional.ofNullable(episodes.get(alertId));
    }

    /** The newest episodes first (by their latest record's emission), at most {@code limit}. */
    List<Episode> newest(int limit) {
        List<Episode> all = new ArrayList<>(episodes.values());
        all.sort(Comparator.comparingLong((Episode e) -> -e.latest().firedAt()).thenComparing(Episode::alertId));
        return all.subList(0, Math.min(limit, all.size()));
    }

    /** The episodes of one key, oldest first. */
    List<Episode> of(String kind, String key) {
        return episodes.values().stream().filter(e -> e.kind().equals(kind) && e.key().equals(key))
                .sorted(Comparator.comparingLong(Episode::start)).toList();
    }

    /** Drops episodes whose latest record was emitted longer than the history before {@code now}. */
    void prune(long now) {
        long oldest = now - history.toMillis();
        episodes.values().removeIf(e -> e.latest().firedAt() < oldest);
    }
}
