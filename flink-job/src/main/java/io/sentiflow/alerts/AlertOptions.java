package io.sentiflow.alerts;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Configuration keys of the spike detector, all under {@code sentiflow.alerts.*}, each with a
 * documented default. Read them once through {@link AlertConfig#fromConfiguration}.
 */
public final class AlertOptions {

    private static final String PREFIX = "sentiflow.alerts.";

    public static final ConfigOption<Duration> WINDOW_SIZE =
            ConfigOptions.key(PREFIX + "window.size").durationType().defaultValue(Duration.ofMinutes(10))
                    .withDescription("Length of the sliding event-time window that counts texts per key.");

    public static final ConfigOption<Duration> WINDOW_SLIDE =
            ConfigOptions.key(PREFIX + "window.slide").durationType().defaultValue(Duration.ofMinutes(1))
                    .withDescription("How often a window closes; must divide the window size.");

    public static final ConfigOption<Double> NEGATIVE_THRESHOLD =
            ConfigOptions.key(PREFIX + "negative-threshold").doubleType().defaultValue(0.5)
                    .withDescription("A text is negative when Bearish is its most probable class or "
                            + "P(bearish) exceeds this value.");

    public static final ConfigOption<Integer> MIN_VOLUME =
            ConfigOptions.key(PREFIX + "min-volume").intType().defaultValue(20)
                    .withDescription("Fewest distinct texts a window needs before it can fire.");

    public static final ConfigOption<Double> SHARE_FLOOR =
            ConfigOptions.key(PREFIX + "share-floor").doubleType().defaultValue(0.3)
                    .withDescription("Lowest negative share that can fire, whatever the baseline.");

    public static final ConfigOption<Double> Z_THRESHOLD =
            ConfigOptions.key(PREFIX + "z-threshold").doubleType().defaultValue(3.0)
                    .withDescription("How many spreads above its baseline a key's share must lie to fire.");

    public static final ConfigOption<Integer> CONSECUTIVE_WINDOWS =
            ConfigOptions.key(PREFIX + "consecutive-windows").intType().defaultValue(2)
                    .withDescription("Consecutive hot windows needed before an episode fires.");

    public static final ConfigOption<Integer> RESOLVE_WINDOWS =
            ConfigOptions.key(PREFIX + "resolve-windows").intType().defaultValue(5)
                    .withDescription("Consecutive windows without an elevated share (windows without "
                            + "texts count) after which a firing episode resolves.");

    public static final ConfigOption<Duration> COOLDOWN =
            ConfigOptions.key(PREFIX + "cooldown").durationType().defaultValue(Duration.ofMinutes(30))
                    .withDescription("Event time after a RESOLVED before the same key can fire again.");

    public static final ConfigOption<Duration> BASELINE_HISTORY =
            ConfigOptions.key(PREFIX + "baseline.history").durationType().defaultValue(Duration.ofHours(24))
                    .withDescription("Time constant of the exponentially decaying baseline of each key.");

    public static final ConfigOption<Double> PRIOR_SHARE =
            ConfigOptions.key(PREFIX + "baseline.prior-share").doubleType().defaultValue(0.15)
                    .withDescription("Negative share assumed for a key without history (the valid "
                            + "tweet set is 14.5% bearish).");

    public static final ConfigOption<Double> PRIOR_WEIGHT =
            ConfigOptions.key(PREFIX + "baseline.prior-weight").doubleType().defaultValue(50.0)
                    .withDescription("How many texts the prior counts as; a key's own history outweighs "
                            + "it after about this many texts.");

    public static final ConfigOption<Double> PRIOR_SPREAD =
            ConfigOptions.key(PREFIX + "baseline.prior-spread").doubleType().defaultValue(0.05)
                    .withDescription("Window-to-window spread of the share beyond counting noise, "
                            + "assumed for a key without history.");

    public static final ConfigOption<Double> MIN_SPREAD =
            ConfigOptions.key(PREFIX + "baseline.min-spread").doubleType().defaultValue(0.03)
                    .withDescription("Smallest spread beyond counting noise, so a very steady key "
                            + "does not fire on a tiny rise.");

    public static final ConfigOption<Duration> STATE_TTL =
            ConfigOptions.key(PREFIX + "state-ttl").durationType().defaultValue(Duration.ofHours(48))
                    .withDescription("A key's baseline and episode state is dropped after this long "
                            + "without a window (processing time), so new entities do not grow "
                            + "state forever.");

    public static final ConfigOption<Integer> EVIDENCE_SIZE =
            ConfigOptions.key(PREFIX + "evidence-size").intType().defaultValue(5)
                    .withDescription("How many of the most negative texts an alert carries (at most 5 "
                            + "by the SentimentAlert contract).");

    public static final ConfigOption<Double> CRITICAL_Z =
            ConfigOptions.key(PREFIX + "severity.critical-z").doubleType().defaultValue(6.0)
                    .withDescription("A firing window at or above this z-score is CRITICAL.");

    public static final ConfigOption<Double> CRITICAL_EXCESS =
            ConfigOptions.key(PREFIX + "severity.critical-excess").doubleType().defaultValue(0.4)
                    .withDescription("A firing window whose share exceeds the baseline by at least this "
                            + "much is CRITICAL; otherwise WARNING.");

    public static final ConfigOption<Integer> MAX_ENTITIES_PER_TEXT =
            ConfigOptions.key(PREFIX + "max-entities-per-text").intType().defaultValue(10)
                    .withDescription("Alert keys a text counts under besides its topic: its first this many "
                            + "entities (the producer's, then its cashtags); the rest, and entities over "
                            + AlertKeys.MAX_ENTITY_CHARS + " characters, are counted in entitiesDropped. "
                            + "Bounds the state one text can create (each key lives in every sliding window).");

    private AlertOptions() {}
}
