package io.sentiflow.it.faults;

import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.swap.ModelPointer;
import io.sentiflow.swap.ModelSource;
import io.sentiflow.swap.StoreModelSource;
import java.util.List;
import java.util.Optional;

/**
 * The store's model versions, except that every call holding {@link #POISON} fails, every time, in
 * every instance and every attempt of the job: a text the model cannot score. Only the fault tests
 * wire this in (through {@code ScoringJob}'s model source).
 */
final class PoisonTextModels implements ModelSource {

    /** A valid text on which this source's models always fail. */
    static final String POISON = "Fault injection: the model fails on this headline every time";

    private final ModelSource store;

    private PoisonTextModels(ModelSource store) {
        this.store = store;
    }

    static ModelSource.Factory factory() {
        return (storeUri, serving) -> new PoisonTextModels(StoreModelSource.open(storeUri, serving));
    }

    @Override
    public Optional<ModelPointer> promoted() {
        return store.promoted();
    }

    @Override
    public ScoringModel load(ModelPointer pointer) throws Exception {
        return new PoisonTextModel(store.load(pointer));
    }

    /** Delegates to the real model; owns and closes it. */
    private record PoisonTextModel(ScoringModel model) implements ScoringModel {

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
            if (texts.contains(POISON)) {
                throw new IllegalStateException("injected failure (fault test): the model cannot score " + POISON);
            }
            return model.predict(texts);
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
