package io.sentiflow.desk;

/**
 * One alert episode: its FIRING and, once over, its RESOLVED; either may be missing when the desk's
 * history starts inside the episode. Immutable.
 */
public record Episode(String alertId, String kind, String key, AlertView firing, AlertView resolved) {

    Episode with(AlertView alert) {
        return "RESOLVED".equals(alert.state())
                ? new Episode(alertId, kind, key, firing, alert)
                : new Episode(alertId, kind, key, alert, resolved);
    }

    /** The newest of its records. */
    AlertView latest() {
        return resolved != null ? resolved : firing;
    }

    /** Start of the window that fired it, or of the earliest window the desk saw. */
    long start() {
        return firing != null ? firing.windowStart() : resolved.windowStart();
    }
}
