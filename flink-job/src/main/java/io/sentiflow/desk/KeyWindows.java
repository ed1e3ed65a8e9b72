package io.sentiflow.desk;

import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.WindowStatistics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The judged windows of every key within the desk's history, and the ranking of the keys by how far
 * their latest share stands above normal (z). Not thread safe; {@link DeskState} guards it.
 */
final class KeyWindows {

    /** A key's windows, oldest first. */
    record KeyHistory(KeyKind kind, String key, Deque<WindowPoint> points) {}

    /**
     * A key in the ranking: its latest window and its recent shares for a sparkline.
     *
     * @param spark the negative share of its last windows, oldest first, as [windowEnd, share] pairs
     */
    record Ranked(String kind, String key, WindowPoint latest, List<double[]> spark) {}

    static final int SPARK_POINTS = 60;

    private final Duration history;
    private final long freshMillis;
    private final Map<String, KeyHistory> keys = new HashMap<>();
    private long newestEnd = Long.MIN_VALUE;

    /** @param freshFor a key whose last window ended longer than this before the newest one has gone quiet */
    KeyWindows(Duration history, Duration freshFor) {
        this.history = history;
        this.freshMillis = freshFor.toMillis();
    }

    void add(WindowStatistics statistics) {
        WindowPoint point = WindowPoint.of(statistics);
        KeyHistory keyHistory = keys.computeIfAbsent(DeskKeys.of(statistics.getKeyKind(), statistics.getKey()),
                k -> new KeyHistory(statistics.getKeyKind(), statistics.getKey(), new ArrayDeque<>()));
        WindowPoint last = keyHistory.points().peekLast();
        if (last != null && last.windowEnd() >= point.windowEnd()) {
            return; // a key's windows come in order; anything else is a repeat
        }
        keyHistory.points().addLast(point);
        newestEnd = Math.max(newestEnd, point.windowEnd());
        long oldest = newestEnd - history.toMillis();
        while (!keyHistory.points().isEmpty() && keyHistory.points().peekFirst().windowEnd() < oldest) {
            keyHistory.points().removeFirst();
        }
    }

    /** The end of the newest window of any key, or {@link Long#MIN_VALUE} before the first. */
    long newestEnd() {
        return newestEnd;
    }

    int keyCount() {
        return keys.size();
    }

    /** Keys with a recent window, highest z first (then higher share, then name), at most {@code limit}. */
    List<Ranked> ranking(int limit) {
        long freshFrom = newestEnd - freshMillis;
        List<KeyHistory> fresh = new ArrayList<>();
        for (KeyHistory key : keys.values()) {
            if (!key.points().isEmpty() && key.points().peekLast().windowEnd() >= freshFrom) {
                fresh.add(key);
            }
        }
        fresh.sort(Comparator.comparingDouble((KeyHistory h) -> -h.points().peekLast().z())
                .thenComparingDouble(h -> -h.points().peekLast().share())
                .thenComparing(KeyHistory::key));
        List<Ranked> ranked = new ArrayList<>();
        for (KeyHistory key : fresh.subList(0, Math.min(limit, fresh.size()))) {
            ranked.add(new Ranked(key.kind().name(), key.key(), key.points().peekLast(), spark(key.points())));
        }
        return ranked;
    }

    /** Every window of one key within the history, oldest first; empty for an unknown key. */
    List<WindowPoint> series(KeyKind kind, String key) {
        KeyHistory keyHistory = keys.get(DeskKeys.of(kind, key));
        return keyHistory == null ? List.of() : List.copyOf(keyHistory.points());
    }

    /** Drops keys with no window within the history (an entity not mentioned for hours). */
    void prune() {
        long oldest = newestEnd - history.toMillis();
        keys.values().removeIf(key -> key.points().isEmpty() || key.points().peekLast().windowEnd() < oldest);
    }

    private static List<double[]> spark(Deque<WindowPoint> points) {
        List<double[]> spark = new ArrayList<>();
        int skip = Math.max(0, points.size() - SPARK_POINTS);
        for (WindowPoint point : points) {
            if (skip-- <= 0) {
                spark.add(new double[] {point.windowEnd(), point.share()});
            }
        }
        return spark;
    }
}
