package io.sentiflow.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a scenario took to recover, against the longest it may take. The recovery time runs from
 * the fault itself to the moment a {@code read_committed} reader first saw a record committed after
 * the fault, that is one past each partition's last stable offset as it stood at the fault (read
 * after the fault: a record read below it was committed before and never counts).
 *
 * @param fault when the fault happened (a process killed, a broker stopped, a model broken)
 * @param firstCommitted when the first record committed after the fault was read
 * @param bound the longest recovery the scenario accepts; {@link #assertWithinBound} holds it to that
 */
public record Recovery(Instant fault, Instant firstCommitted, Duration bound) {

    /**
     * The bound of a scenario that names none: the 30 s. Restarts measured 2-11 s on two
     * shared cores; a job that keeps failing, or waits for a timeout, takes far longer.
     */
    public static final Duration BOUND = Duration.ofSeconds(30);

    public Recovery {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(firstCommitted, "firstCommitted");
        Objects.requireNonNull(bound, "bound");
    }

    /** From the fault to the first record committed after it. */
    public Duration time() {
        return Duration.between(fault, firstCommitted);
    }

    /** Fails the test when the recovery took longer than its bound. */
    public void assertWithinBound() {
        assertThat(time()).as("recovery time from the fault to the first record committed after it")
                .isLessThanOrEqualTo(bound);
    }
}
