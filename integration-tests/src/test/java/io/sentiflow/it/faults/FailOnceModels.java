package io.sentiflow.it.faults;

import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.swap.ModelPointer;
import io.sentiflow.swap.ModelSource;
import io.sentiflow.swap.StoreModelSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The store's model versions, except that one model instance breaks once: the first call, in any
 * instance and any attempt of the job, that holds {@link #TRIGGER} fails, and so does every later
 * call on that instance, as a crashed native session would. The scoring operator then finds no
 * text of the batch it can score, blames the model and fails the task; the job restarts and loads
 * fresh instances, which work. "Once" is a marker file created atomically by the failing call, so
 * it holds across the job's restart, and its time is the moment of the fault. Only the fault tests
 * wire this in (through {@code ScoringJob}'s model source).
 */
final class FailOnceModels implements ModelSource {

    /** A valid text that only this source treats as fatal. */
    static final String TRIGGER = "Fault injection: scoring this headline fails once";

    private final ModelSource store;
    private final Path marker;

    private FailOnceModels(ModelSource store, Path marker) {
        this.store = store;
        this.marker = marker;
    }

    /** Versions from the job's store; the first scoring of {@link #TRIGGER} creates {@code marker} and throws. */
    static ModelSource.Factory factory(Path marker) {
        String path = marker.toAbsolutePath().toString();
        return (storeUri, serving) -> new FailOnceModels(StoreModelSource.open(storeUri, serving), Path.of(path));
    }

    @Override
    public Optional<ModelPointer> promoted() {
        return store.promoted();
    }

    @Override
    public ScoringModel load(ModelPointer pointer) throws Exception {
        return new FailOnceModel(store.load(pointer), marker);
    }

    /** Delegates to the real model until it breaks; owns and closes it. Used by one thread. */
    private static final class FailOnceModel implements ScoringModel {

        private final ScoringModel model;
        private final Path marker;
        private boolean broken;

        FailOnceModel(ScoringModel model, Path marker) {
            this.model = model;
            this.marker = marker;
        }

        @Override
        public String version() {
            return model.version();
        }

        @Override
        public List<String> topicLabels() {
            return model.topicLabels();
        }

        @Override
        public List<String> sentimentLabels() {
            return model.sentimentLabels();
        }

        @Override
        public List<TextPrediction> predict(List<String> texts) {
            broken |= texts.contains(TRIGGER) && firstTime();
            if (broken) {
                throw new IllegalStateException("injected model failure (fault test) since: " + TRIGGER);
            }
            return model.predict(texts);
        }

        private boolean firstTime() {
            try {
                Files.createFile(marker);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the fault marker " + marker, e);
            }
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
