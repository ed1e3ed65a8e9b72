package io.sentiflow.training;

import java.util.Locale;
import java.util.Optional;

/** The two heads' tasks; every labelled example belongs to exactly one. */
public enum Task {
    TOPIC,
    SENTIMENT;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Task> fromName(String name) {
        for (Task task : values()) {
            if (task.name().equalsIgnoreCase(name)) {
                return Optional.of(task);
            }
        }
        return Optional.empty();
    }
}
