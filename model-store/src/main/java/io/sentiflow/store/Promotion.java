package io.sentiflow.store;

import java.util.List;

/**
 * Content of {@code promoted.json}: the promoted version and the previously promoted ones, most
 * recent first, which rollback walks back through.
 */
record Promotion(String promoted, List<String> history) {

    Promotion {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
