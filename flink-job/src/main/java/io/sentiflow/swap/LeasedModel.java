package io.sentiflow.swap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded model plus how many batches use it; closed exactly once, when it is retired and no
 * batch uses it any more.
 *
 * <p>Not thread-safe by itself: {@link ModelSwapper} calls {@link #lease()}, {@link #release()}
 * and {@link #retire()} with its lock held.
 */
final class LeasedModel<M extends AutoCloseable> {

    private static final Logger LOG = LoggerFactory.getLogger(LeasedModel.class);

    private final ModelPointer pointer;
    private final M model;
    private int leases;
    private boolean retired;
    private boolean closed;

    LeasedModel(ModelPointer pointer, M model) {
        this.pointer = pointer;
        this.model = model;
    }

    ModelPointer pointer() {
        return pointer;
    }

    M model() {
        return model;
    }

    void lease() {
        leases++;
    }

    void release() {
        leases--;
        closeIfUnused();
    }

    /** No new batch may use it; it closes now or when its last batch releases it. */
    void retire() {
        retired = true;
        closeIfUnused();
    }

    private void closeIfUnused() {
        if (retired && leases == 0 && !closed) {
            closed = true;
            closeQuietly(this);
        }
    }

    static void closeQuietly(LeasedModel<?> leased) {
        try {
            leased.model.close();
        } catch (Exception e) {
            // A model that fails to close leaks native memory but must not stop scoring.
            LOG.warn("Closing model version {} failed", leased.pointer.version(), e);
        }
    }
}
