package io.sentiflow.deploy.broker;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link LocalKafkaBroker} found or did.
 *
 * @param state see {@link State}
 * @param pid the broker's process id when this data folder's broker runs
 * @param bootstrapServers where clients reach it
 * @param dataDir the broker's data folder
 */
public record BrokerStatus(State state, OptionalLong pid, String bootstrapServers, Path dataDir) {

    /** The broker's state as seen from this data folder. */
    public enum State {
        /** {@code start} launched it just now; it accepts connections. */
        STARTED,
        /** The broker recorded in this data folder is alive. */
        RUNNING,
        /** Some other Kafka broker, not recorded here, answers on the port. */
        FOREIGN,
        /** No broker answers and none is recorded here. */
        STOPPED
    }

    public BrokerStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(dataDir, "dataDir");
    }

    /** True when a broker answers on {@link #bootstrapServers()}. */
    public boolean isUp() {
        return state != State.STOPPED;
    }

    /** One line for a human. */
    public String describe() {
        String pidText = pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : "";
        return switch (state) {
            case STARTED -> "Kafka started on " + bootstrapServers + pidText + ", data in " + dataDir;
            case RUNNING -> "Kafka is running on " + bootstrapServers + pidText + ", data in " + dataDir;
            case FOREIGN -> "A Kafka broker not started from " + dataDir + " answers on " + bootstrapServers;
            case STOPPED -> "Kafka is not running on " + bootstrapServers + " (data in " + dataDir + ")";
        };
    }
}
