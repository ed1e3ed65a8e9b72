package io.sentiflow.bench;

import java.util.Locale;
import java.util.Objects;

/**
 * One of the targets against a measured figure: {@code value >= bound} or {@code value <= bound}.
 * A figure from a run too short to count (a sustained run under a minute) is shown but neither met
 * nor missed.
 *
 * @param name what is compared, for people ({@code b1/(0)}, {@code b1 sustained p99 to scoredAt, ms})
 * @param atLeast whether the value must be at least the bound (else at most)
 * @param counted whether the run was long enough to judge
 */
public record TargetCheck(String name, double value, boolean atLeast, double bound, boolean counted) {

    public TargetCheck {
        Objects.requireNonNull(name, "name");
    }

    public static TargetCheck atLeast(String name, double value, double bound) {
        return new TargetCheck(name, value, true, bound, true);
    }

    public static TargetCheck atMost(String name, double value, double bound, boolean counted) {
        return new TargetCheck(name, value, false, bound, counted);
    }

    public boolean met() {
        return counted && (atLeast ? value >= bound : value <= bound);
    }

    /** {@code met}, {@code NOT met}, or why the figure does not count. */
    public String verdict() {
        if (!counted) {
            return "not counted: sustained run under " + SustainedResult.MIN_SECONDS + " s";
        }
        return met() ? "met" : "NOT met";
    }

    /** {@code b1/(0) = 0.91 (target >= 0.85: met)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s = %s (target %s %s: %s)", name, number(value), atLeast ? ">=" : "<=",
                number(bound), verdict());
    }

    /** Two decimals below 10, else one: ratios and milliseconds alike read well. */
    static String number(double value) {
        return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value);
    }
}
