package io.sentiflow.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the demo streams and how fast. Immutable; validated on construction, errors name the flag.
 *
 * @param dataDir the shared data folder holding the tweet valid sets
 * @param speedup event time per real time: 600 plays ten event minutes in one real second
 * @param textsPerMinute texts per event minute of the background stream
 * @param duration how long to stream (real time), or null to stream the valid sets once
 * @param spikeEntity the ticker the injected negative spike is about, without {@code $}
 * @param origin event time of the first text; fixed, so every run sees the same event times
 */
public record DemoSettings(
        Path dataDir, double speedup, int textsPerMinute, Duration duration, String spikeEntity, Instant origin) {

    /** A fixed Monday morning, so runs and their alerts repeat. */
    public static final Instant DEFAULT_ORIGIN = Instant.parse("2026-01-05T09:00:00Z");
    public static final double DEFAULT_SPEEDUP = 600;
    public static final int DEFAULT_TEXTS_PER_MINUTE = 10;
    public static final String DEFAULT_SPIKE_ENTITY = "ACME";

    public DemoSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(origin, "origin");
        if (!(speedup >= 1 && speedup <= 100_000)) {
            throw new IllegalArgumentException("--speedup must be between 1 and 100000, was " + speedup);
        }
        if (textsPerMinute < 1 || textsPerMinute > 6_000) {
            throw new IllegalArgumentException("--texts-per-minute must be between 1 and 6000, was " + textsPerMinute);
        }
        if (duration != null && (duration.isNegative() || duration.toMillis() < 1_000)) {
            throw new IllegalArgumentException("--duration must be at least 1s, was " + duration);
        }
        if (spikeEntity == null || !spikeEntity.matches("[A-Z]{1,6}")) {
            throw new IllegalArgumentException("--spike-entity must be 1 to 6 capital letters (a ticker), was " + spikeEntity);
        }
    }

    /** Texts per real second while streaming. */
    public double textsPerSecond() {
        return textsPerMinute * speedup / 60.0;
    }

    /** The real time an event-time span takes to stream. */
    public Duration realTime(Duration eventSpan) {
        return Duration.ofMillis(Math.round(eventSpan.toMillis() / speedup));
    }
}
