package io.sentiflow.swap;

import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.ServingSettings;
import io.sentiflow.store.ModelRejectedException;
import io.sentiflow.store.ModelStore;
import java.util.Optional;

/**
 * Model versions from the {@link ModelStore}: every load verifies each file's checksum against
 * the manifest, the manifest's own sha256, the dimensions, the label maps and that the version's
 * path lies inside the store's root.
 *
 * <p>Not thread-safe beyond what {@link ModelSource} promises.
 */
public final class StoreModelSource implements ModelSource {

    private final ModelStore store;
    private final ServingSettings serving;

    private StoreModelSource(ModelStore store, ServingSettings serving) {
        this.store = store;
        this.serving = serving;
    }

    /** The factory the scoring job uses. */
    public static ModelSource.Factory factory() {
        return StoreModelSource::open;
    }

    public static StoreModelSource open(String storeUri, ServingSettings serving) {
        return new StoreModelSource(ModelStore.open(storeUri), serving);
    }

    @Override
    public Optional<ModelPointer> promoted() {
        return store.promotedVersion()
                .map(version -> new ModelPointer(
                        version, store.versionUri(version), store.manifestSha256(version)));
    }

    @Override
    public ScoringModel load(ModelPointer pointer) throws ModelRejectedException {
        return store.load(pointer.version(), pointer.uri(), pointer.manifestSha256(), serving);
    }
}
