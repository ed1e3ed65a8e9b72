package io.sentiflow.it.reliability;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one reliability scenario measured, as written to {@code <build dir>/reliability/<scenario>.json}
 * and rendered into {@code docs/RELIABILITY.md}. Build one with {@link #builder}; the builder stamps
 * the commit and the time of measurement.
 *
 * @param scenario file name and stable id, lowercase with hyphens ({@code task-failure-kill-taskmanager})
 * @param title one line: what was done to the system
 * @param recordsSent input records the test sent
 * @param recordsOut records the test read back (committed output and dead letters, as the scenario says)
 * @param duplicates output records beyond the first of their id
 * @param losses input records with no output at all
 * @param restarts job restarts (Flink's {@code numRestarts}), or process restarts the scenario caused
 * @param recoveryMillis from the fault to the first output committed after it ({@link Recovery}); null where
 *     nothing failed
 * @param recoveryBoundMillis the longest recovery the scenario accepts, asserted by it; null exactly when
 *     {@code recoveryMillis} is
 * @param details further figures of the scenario, in the order added (for example a memory bound)
 * @param commit the commit measured on ({@link Commit#current()})
 * @param measuredAt when the figures were taken, ISO-8601 UTC
 * @param testClass simple name of the test that measured them (the caller of {@link Builder#build()})
 */
public record ReliabilityFigures(
        String scenario,
        String title,
        long recordsSent,
        long recordsOut,
        long duplicates,
        long losses,
        long restarts,
        Long recoveryMillis,
        Long recoveryBoundMillis,
        Map<String, String> details,
        String commit,
        String measuredAt,
        String testClass) {

    public ReliabilityFigures {
        Objects.requireNonNull(scenario, "scenario");
        if (!scenario.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("scenario must be lowercase words joined by hyphens: " + scenario);
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(measuredAt, "measuredAt");
        if ((recoveryMillis == null) != (recoveryBoundMillis == null)) {
            throw new IllegalArgumentException(scenario + ": a recovery time needs its bound, and a bound its time");
        }
        testClass = testClass == null ? "" : testClass;
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** Starts the figures of {@code scenario}; every count defaults to zero. */
    public static Builder builder(String scenario, String title) {
        return new Builder(scenario, title);
    }

    /** Collects one scenario's figures. Not thread-safe; one per test. */
    public static final class Builder {
        private final String scenario;
        private final String title;
        private final Map<String, String> details = new LinkedHashMap<>();
        private long recordsSent;
        private long recordsOut;
        private long duplicates;
        private long losses;
        private long restarts;
        private Long recoveryMillis;
        private Long recoveryBoundMillis;

        private Builder(String scenario, String title) {
            this.scenario = scenario;
            this.title = title;
        }

        /** Sent, out, duplicates and losses from the ids sent and read back. */
        public Builder tally(IdTally tally) {
            return recordsSent(tally.sent()).recordsOut(tally.out()).duplicates(tally.duplicates())
                    .losses(tally.losses());
        }

        public Builder recordsSent(long value) {
            this.recordsSent = value;
            return this;
        }

        public Builder recordsOut(long value) {
            this.recordsOut = value;
            return this;
        }

        public Builder duplicates(long value) {
            this.duplicates = value;
            return this;
        }

        public Builder losses(long value) {
            this.losses = value;
            return this;
        }

        public Builder restarts(long value) {
            this.restarts = value;
            return this;
        }

        /** The recovery time and its bound; the scenario asserts the bound ({@link Recovery#assertWithinBound}). */
        public Builder recovery(Recovery value) {
            this.recoveryMillis = value.time().toMillis();
            this.recoveryBoundMillis = value.bound().toMillis();
            return this;
        }

        /** A further figure, shown as {@code name: value} in the scenario's table. */
        public Builder detail(String name, Object value) {
            details.put(name, String.valueOf(value));
            return this;
        }

        /** The figures, stamped with the current commit, the time and the calling test class. */
        public ReliabilityFigures build() {
            Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
            return new ReliabilityFigures(scenario, title, recordsSent, recordsOut, duplicates, losses, restarts,
                    recoveryMillis, recoveryBoundMillis, details, Commit.current(), Instant.now().toString(), caller.getSimpleName());
        }
    }
}
