package io.sentiflow.swap;

import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.ServingSettings;
import java.io.Serializable;
import java.util.Optional;

/**
 * Where the scoring operator finds model versions: the promoted one to start with, and any
 * version a {@code ModelUpdate} points at. The production source is {@link StoreModelSource}.
 *
 * <p>Used by one parallel instance, from its open() and then from its single loader thread,
 * never concurrently.
 */
public interface ModelSource {

    /** The version to start with when there is no state to restore, if the store has one. */
    Optional<ModelPointer> promoted();

    /**
     * Verifies and opens a version; the caller owns the returned model and closes it.
     *
     * @throws Exception saying which check failed; the version is then refused
     */
    ScoringModel load(ModelPointer pointer) throws Exception;

    /** Opens a {@link ModelSource} in each parallel instance; travels with the job graph. */
    @FunctionalInterface
    interface Factory extends Serializable {
        /**
         * @param storeUri the model store's root
         * @param serving how each model this instance loads runs: ONNX Runtime threads, spinning,
         *     the token budget of its sub-batches
         */
        ModelSource open(String storeUri, ServingSettings serving);
    }
}
