package io.sentiflow.alerts;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The validated settings of the spike detector. Immutable and serializable, so operators carry
 * it. Build with {@link #fromConfiguration(ReadableConfig)}; keys and defaults are in
 * {@link AlertOptions}. Every error names the key and the value.
 */
public record AlertConfig(
        Duration windowSize,
        Duration windowSlide,
        double negativeThreshold,
        int minVolume,
        double shareFloor,
        double zThreshold,
        int consecutiveWindows,
        int resolveWindows,
        Duration cooldown,
        Duration baselineHistory,
        double priorShare,
        double priorWeight,
        double priorSpread,
        double minSpread,
        Duration stateTtl,
        int evidenceSize,
        double criticalZ,
        double criticalExcess,
        int maxEntitiesPerText)
        implements Serializable {

    /** The contract's limit on evidence per alert (SentimentAlert.evidence). */
    public static final int MAX_EVIDENCE = 5;

    public AlertConfig {
        positive(AlertOptions.WINDOW_SIZE.key(), windowSize);
        positive(AlertOptions.WINDOW_SLIDE.key(), windowSlide);
        if (windowSize.toMillis() % windowSlide.toMillis() != 0) {
            throw new IllegalArgumentException(AlertOptions.WINDOW_SLIDE.key() + " = " + windowSlide
                    + " must divide " + AlertOptions.WINDOW_SIZE.key() + " = " + windowSize);
        }
        unit(AlertOptions.NEGATIVE_THRESHOLD.key(), negativeThreshold);
        atLeast(AlertOptions.MIN_VOLUME.key(), minVolume, 1);
        unit(AlertOptions.SHARE_FLOOR.key(), shareFloor);
        if (!(zThreshold > 0)) {
            throw invalid(AlertOptions.Z_THRESHOLD.key(), zThreshold, "must be > 0");
        }
        atLeast(AlertOptions.CONSECUTIVE_WINDOWS.key(), consecutiveWindows, 1);
        atLeast(AlertOptions.RESOLVE_WINDOWS.key(), resolveWindows, 1);
        notNegative(AlertOptions.COOLDOWN.key(), cooldown);
        positive(AlertOptions.BASELINE_HISTORY.key(), baselineHistory);
        unit(AlertOptions.PRIOR_SHARE.key(), priorShare);
        if (!(priorWeight > 0)) {
            throw invalid(AlertOptions.PRIOR_WEIGHT.key(), priorWeight, "must be > 0");
        }
        unit(AlertOptions.PRIOR_SPREAD.key(), priorSpread);
        unit(AlertOptions.MIN_SPREAD.key(), minSpread);
        positive(AlertOptions.STATE_TTL.key(), stateTtl);
        if (stateTtl.compareTo(windowSize) < 0) {
            throw invalid(AlertOptions.STATE_TTL.key(), stateTtl, "must be at least the window size");
        }
        if (evidenceSize < 1 || evidenceSize > MAX_EVIDENCE) {
            throw invalid(AlertOptions.EVIDENCE_SIZE.key(), evidenceSize, "must be between 1 and " + MAX_EVIDENCE);
        }
        if (criticalZ < zThreshold) {
            throw invalid(AlertOptions.CRITICAL_Z.key(), criticalZ,
                    "must be at least " + AlertOptions.Z_THRESHOLD.key() + " = " + zThreshold);
        }
        unit(AlertOptions.CRITICAL_EXCESS.key(), criticalExcess);
        atLeast(AlertOptions.MAX_ENTITIES_PER_TEXT.key(), maxEntitiesPerText, 0);
    }

    /** Reads and validates every {@code sentiflow.alerts.*} key, defaults where unset. */
    public static AlertConfig fromConfiguration(ReadableConfig conf) {
        return new AlertConfig(
                conf.get(AlertOptions.WINDOW_SIZE),
                conf.get(AlertOptions.WINDOW_SLIDE),
                conf.get(AlertOptions.NEGATIVE_THRESHOLD),
                conf.get(AlertOptions.MIN_VOLUME),
                conf.get(AlertOptions.SHARE_FLOOR),
                conf.get(AlertOptions.Z_THRESHOLD),
                conf.get(AlertOptions.CONSECUTIVE_WINDOWS),
                conf.get(AlertOptions.RESOLVE_WINDOWS),
                conf.get(AlertOptions.COOLDOWN),
                conf.get(AlertOptions.BASELINE_HISTORY),
                conf.get(AlertOptions.PRIOR_SHARE),
                conf.get(AlertOptions.PRIOR_WEIGHT),
                conf.get(AlertOptions.PRIOR_SPREAD),
                conf.get(AlertOptions.MIN_SPREAD),
                conf.get(AlertOptions.STATE_TTL),
                conf.get(AlertOptions.EVIDENCE_SIZE),
                conf.get(AlertOptions.CRITICAL_Z),
                conf.get(AlertOptions.CRITICAL_EXCESS),
                conf.get(AlertOptions.MAX_ENTITIES_PER_TEXT));
    }

    /** All defaults of {@link AlertOptions}. */
    public static AlertConfig defaults() {
        return fromConfiguration(new Configuration());
    }

    public long windowSizeMs() {
        return windowSize.toMillis();
    }

    public long windowSlideMs() {
        return windowSlide.toMillis();
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(key, value, "must be a positive duration");
        }
    }

    private static void notNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw invalid(key, value, "must not be negative");
        }
    }

    private static void unit(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw invalid(key, value, "must be between 0 and 1");
        }
    }

    private static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw invalid(key, value, "must be at least " + min);
        }
    }

    private static IllegalArgumentException invalid(String key, Object value, String rule) {
        return new IllegalArgumentException(key + " = " + value + " " + rule);
    }
}
