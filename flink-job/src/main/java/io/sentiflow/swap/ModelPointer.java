package io.sentiflow.swap;

import io.sentiflow.schema.ModelUpdate;
import java.io.Serializable;
import java.util.Objects;

/**
 * Where a model version lives and how to recognise it: what the scoring operator keeps in its
 * broadcast state. Never the weights (docs/STACK.md: broadcast state is on the heap of every task).
 *
 * <p>A public record, so Flink serializes it as a POJO in state rather than with Kryo.
 *
 * @param version the version id in the model store
 * @param uri the version's directory under the store's root
 * @param manifestSha256 hex sha256 of the version's manifest.json
 */
public record ModelPointer(String version, String uri, String manifestSha256) implements Serializable {

    public ModelPointer {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(manifestSha256, "manifestSha256");
    }

    /** The pointer an update on {@code model.updates} carries. */
    public static ModelPointer of(ModelUpdate update) {
        return new ModelPointer(update.getVersion(), update.getUri(), update.getManifestSha256());
    }

    /** True if both name the same version; versions are immutable, so the same id is the same model. */
    public boolean sameVersionAs(ModelPointer other) {
        return other != null && version.equals(other.version);
    }
}
