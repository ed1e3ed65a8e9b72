package io.sentiflow.demo;

import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VersionStatus;
import io.sentiflow.store.VersionSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Follows the learner's round through the demo: tells when the learner publishes a version (with
 * its gate's figures), when the scoring job first scores with it, or when the gate refused the
 * candidate (found in the store, where refused versions are kept). Thread-safe: the watcher's thread
 * reports, the demo's thread asks.
 */
final class DemoSwaps {

    private static final int AFTER_SWAP_TEXTS = 20;

    private final Consumer<String> say;
    private final ModelStore store;
    private final Set<String> versionsAtStart;
    private volatile ModelUpdate published;
    private volatile String swappedTo;

    DemoSwaps(Consumer<String> say, ModelStore store) {
        this.say = say;
        this.store = store;
        this.versionsAtStart = store.list().stream().map(VersionSummary::version).collect(Collectors.toSet());
    }

    void modelPublished(ModelUpdate update) {
        published = update;
        say.accept(String.format(Locale.ROOT, "Learner published version %s (trained from %s): %s; the scoring job"
                + " swaps it in at its next batch, without a restart", update.getVersion(), update.getParentVersion(),
                gateFigures(update.getMetrics())));
    }

    void firstScoredWith(String version, ScoredText text) {
        ModelUpdate update = published;
        if (update != null && update.getVersion().equals(version)) {
            swappedTo = version;
            say.accept("Swapped: the scoring job scores with " + version + " since text " + text.getId()
                    + " (was " + update.getParentVersion() + ")");
        }
    }

    boolean published() {
        return published != null;
    }

    boolean swapped() {
        return swappedTo != null;
    }

    Optional<String> swappedTo() {
        return Optional.ofNullable(swappedTo);
    }

    /**
     * A candidate of this run that the gate refused, with the gate's reason, if there is one yet. When
     * the version it was trained from had itself been learnt from feedback (an earlier demo run's, as
     * a rule), the demo's labels have little left to teach, and the text says how to see a swap again.
     */
    Optional<String> refusal() {
        return store.list().stream()
                .filter(v -> v.status() == VersionStatus.REFUSED && !versionsAtStart.contains(v.version()))
                .findFirst()
                .map(v -> v.version() + ": " + store.manifest(v.version()).note() + learntAlready(v.parentVersion()));
    }

    private String learntAlready(String parent) {
        String grandparent = parent == null ? null : store.manifest(parent).parentVersion();
        return grandparent == null ? "" : "\nIts parent " + parent + " was itself learnt from feedback (by an earlier"
                + " demo run?), so these labels had little left to teach it: `./sentiflow models promote "
                + grandparent + "` returns to the version it came from, and the next demo run shows a swap.";
    }

    /**
     * Texts to stream once the new version is out, so the summary shows texts it scored: the start of
     * the replay again, in the new source's style, just after the replay's last event time.
     */
    static List<TextEvent> afterSwap(List<TextEvent> replayed, Instant after) {
        List<TextEvent> texts = new ArrayList<>();
        for (TextEvent event : replayed.subList(0, Math.min(AFTER_SWAP_TEXTS, replayed.size()))) {
            texts.add(TextEvent.newBuilder(event).setId("after-swap-" + texts.size())
                    .setText(DemoFeedback.newSource(event.getText()))
                    .setPublishedAt(after.plusSeconds(texts.size() + 1L)).setEntities(null).setAttributes(null).build());
        }
        return texts;
    }

    private static String gateFigures(Map<String, Double> metrics) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "gate passed, hold-out accuracy %.3f -> %.3f"
                + " (%d labels never trained on)", metrics.getOrDefault("gate.holdout.current.accuracy", Double.NaN),
                metrics.getOrDefault("gate.holdout.candidate.accuracy", Double.NaN),
                metrics.getOrDefault("gate.holdout.size", 0.0).intValue()));
        metrics.keySet().stream().filter(key -> key.startsWith("gate.regression.") && key.endsWith(".current.accuracy"))
                .sorted().forEach(key -> {
                    String set = key.substring("gate.regression.".length(), key.length() - ".current.accuracy".length());
                    text.append(String.format(Locale.ROOT, ", %s %.3f -> %.3f", set, metrics.get(key),
                            metrics.getOrDefault("gate.regression." + set + ".candidate.accuracy", Double.NaN)));
                });
        return text.toString();
    }
}
