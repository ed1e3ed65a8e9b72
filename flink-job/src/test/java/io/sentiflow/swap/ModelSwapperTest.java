package io.sentiflow.swap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelSwapperTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final long POLL_NANOS = 1_000_000;

    private final List<FakeModel> loaded = new CopyOnWriteArrayList<>();
    private final List<String> swaps = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private ModelSwapper<FakeModel> swapper;

    @AfterEach
    void closeSwapper() {
        if (swapper != null) {
            swapper.close();
        }
    }

    @Test
    void scoresWithTheInitialVersionUntilAnotherIsReady() throws Exception {
        swapper = start(this::load);

        try (var lease = swapper.acquire()) {
            assertThat(lease.model().version).isEqualTo("A");
            assertThat(lease.pointer()).isEqualTo(pointer("A"));
        }
        assertThat(swapper.pendingPointer()).isEmpty();
    }

    @Test
    void switchesToTheRequestedVersionAtTheNextBatch() throws Exception {
        swapper = start(this::load);

        assertThat(swapper.request(pointer("B"))).isTrue();

        assertThat(acquireUntil("B")).isEqualTo("B");
        assertThat(swaps).containsExactly("A->B");
        assertThat(modelNamed("A").closes.get()).isEqualTo(1);
    }

    @Test
    void refusesAVersionThatFailsToLoadAndKeepsTheCurrentOne() throws Exception {
        swapper = start(p -> {
            if (p.version().equals("bad")) {
                throw new IllegalStateException("checksum mismatch in weights.bin");
            }
            return load(p);
        });

        swapper.request(pointer("bad"));

        await(() -> refusals.size() == 1);
        assertThat(refusals).containsExactly("bad: checksum mismatch in weights.bin");
        try (var lease = swapper.acquire()) {
            assertThat(lease.model().version).isEqualTo("A");
        }
        assertThat(swapper.pendingPointer()).isEmpty();
        assertThat(swaps).isEmpty();
    }

    @Test
    void ignoresARequestForTheActiveVersion() throws Exception {
        swapper = start(this::load);

        assertThat(swapper.request(pointer("A"))).isFalse();
        assertThat(swapper.request(new ModelPointer("A", "file:/elsewhere", "00"))).isFalse();

        assertThat(loaded).hasSize(1);
        assertThat(swapper.pendingPointer()).isEmpty();
    }

    @Test
    void closesTheReplacedModelOnlyAfterItsLastBatch() throws Exception {
        swapper = start(this::load);
        var inFlight = swapper.acquire();
        swapper.request(pointer("B"));
        await(() -> loaded.size() == 2);

        String next = acquireUntil("B");

        assertThat(next).isEqualTo("B");
        assertThat(modelNamed("A").closes.get()).isZero();
        inFlight.close();
        assertThat(modelNamed("A").closes.get()).isEqualTo(1);
    }

    @Test
    void closesAVersionSupersededBeforeItWasUsed() throws Exception {
        CountDownLatch releaseB = new CountDownLatch(1);
        swapper = start(p -> {
            if (p.version().equals("B")) {
                releaseB.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
            return load(p);
        });

        swapper.request(pointer("B"));
        swapper.request(pointer("C"));
        releaseB.countDown();

        assertThat(acquireUntil("C")).isEqualTo("C");
        assertThat(swaps).containsExactly("A->C");
        // B either never loaded (skipped, C was already requested) or loaded and closed unused.
        assertThat(loaded).filteredOn(m -> m.version.equals("B")).allSatisfy(m -> {
            assertThat(m.closes.get()).isEqualTo(1);
            assertThat(m.uses.get()).isZero();
        });
    }

    @Test
    void closesEveryReplacedModelExactlyOnceOverFiftySwaps() throws Exception {
        swapper = start(this::load);

        for (int i = 1; i <= 50; i++) {
            swapper.request(pointer("v" + i));
            assertThat(acquireUntil("v" + i)).isEqualTo("v" + i);
        }
        swapper.close();

        assertThat(loaded).hasSize(51);
        assertThat(loaded).allSatisfy(m -> assertThat(m.closes.get()).as(m.version).isEqualTo(1));
        assertThat(swaps).hasSize(50);
    }

    private ModelSwapper<FakeModel> start(ModelSwapper.Loader<FakeModel> loader) throws Exception {
        ModelSwapper.Listener listener = new ModelSwapper.Listener() {
            @Override
            public void swapped(ModelPointer from, ModelPointer to) {
                swaps.add(from.version() + "->" + to.version());
            }

            @Override
            public void refused(ModelPointer pointer, Exception reason) {
                refusals.add(pointer.version() + ": " + reason.getMessage());
            }
        };
        return ModelSwapper.start(pointer("A"), loader, listener, "test-model-loader");
    }

    private FakeModel load(ModelPointer pointer) {
        FakeModel model = new FakeModel(pointer.version());
        loaded.add(model);
        return model;
    }

    /** Acquires leases (one per "batch") until {@code version} scores or the deadline passes. */
    private String acquireUntil(String version) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String seen;
        do {
            try (var lease = swapper.acquire()) {
                lease.model().uses.incrementAndGet();
                seen = lease.model().version;
            }
            if (!seen.equals(version)) {
                LockSupport.parkNanos(POLL_NANOS);
            }
        } while (!seen.equals(version) && System.nanoTime() < deadline);
        return seen;
    }

    private FakeModel modelNamed(String version) {
        return loaded.stream().filter(m -> m.version.equals(version)).findFirst().orElseThrow();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", DEADLINE).isLessThan(deadline);
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static ModelPointer pointer(String version) {
        return new ModelPointer(version, "file:/store/versions/" + version, "sha-" + version);
    }

    static final class FakeModel implements AutoCloseable {
        final String version;
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger uses = new AtomicInteger();

        FakeModel(String version) {
            this.version = version;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
