package io.sentiflow.scoring;

import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.store.ModelRejectedException;
import io.sentiflow.store.RejectionReason;
import io.sentiflow.swap.ModelPointer;
import io.sentiflow.swap.ModelSource;
import io.sentiflow.swap.ModelWarmup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the model store (our own interface, not Flink's or Kafka's): versions are
 * names, every model is a {@link FakeModel} that records its calls and closes, and a version
 * can be marked tampered so that loading it is refused as the real store would.
 */
final class FakeModelStore implements ModelSource {

    static final List<String> TOPICS = List.of("Earnings", "Macro", "Energy");
    static final List<String> SENTIMENTS = List.of("Bearish", "Bullish", "Neutral");

    private volatile String promoted;
    private final Set<String> tampered = ConcurrentHashMap.newKeySet();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    final List<FakeModel> loaded = new CopyOnWriteArrayList<>();

    FakeModelStore(String promoted) {
        this.promoted = promoted;
    }

    /** A factory for the operator; only harness tests use it, so it never leaves this JVM. */
    ModelSource.Factory factory() {
        return (storeUri, serving) -> this;
    }

    static ModelPointer pointer(String version) {
        return new ModelPointer(version, "file:/store/versions/" + version, "sha-" + version);
    }

    void tamper(String version) {
        tampered.add(version);
    }

    /** Loads of {@code version} wait until the returned latch is counted down. */
    CountDownLatch holdLoadsOf(String version) {
        return gates.computeIfAbsent(version, v -> new CountDownLatch(1));
    }

    @Override
    public Optional<ModelPointer> promoted() {
        return Optional.ofNullable(promoted).map(FakeModelStore::pointer);
    }

    @Override
    public ScoringModel load(ModelPointer pointer) throws ModelRejectedException, InterruptedException {
        CountDownLatch gate = gates.get(pointer.version());
        if (gate != null) {
            gate.await();
        }
        if (tampered.contains(pointer.version())) {
            throw new ModelRejectedException(RejectionReason.CHECKSUM_MISMATCH, pointer.version(),
                    "weights.bin has sha256 0000, manifest says " + pointer.manifestSha256());
        }
        FakeModel model = new FakeModel(pointer.version());
        loaded.add(model);
        return model;
    }

    List<FakeModel> loadedVersion(String version) {
        return loaded.stream().filter(m -> m.version().equals(version)).toList();
    }

    /** A text holding this makes every model call that includes it fail, as a poison text would. */
    static final String POISON = "POISON";

    /**
     * Topic = text length mod 3, sentiment = Bullish for texts with "up", else Bearish; a call
     * with a text holding {@link #POISON} fails.
     */
    static final class FakeModel implements ScoringModel {
        private final String version;
        final List<List<String>> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger closes = new AtomicInteger();

        FakeModel(String version) {
            this.version = version;
        }

        /** The model calls made to score batches: all but the loader's warm-up. */
        List<List<String>> scoringCalls() {
            return calls.stream().filter(call -> !call.equals(ModelWarmup.TEXTS)).toList();
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public List<String> topicLabels() {
            return TOPICS;
        }

        @Override
        public List<String> sentimentLabels() {
            return SENTIMENTS;
        }

        @Override
        public List<TextPrediction> predict(List<String> texts) {
            if (closes.get() > 0) {
                throw new IllegalStateException("model " + version + " used after close");
            }
            calls.add(List.copyOf(texts));
            if (texts.stream().anyMatch(text -> text.contains(POISON))) {
                throw new IllegalStateException("Encoder int8 failed on a batch of " + texts.size(),
                        new IllegalArgumentException("ORT_RUNTIME_EXCEPTION: bad input"));
            }
            List<TextPrediction> out = new ArrayList<>();
            for (String text : texts) {
                float[] topics = {0.1f, 0.1f, 0.1f};
                topics[text.length() % 3] = 0.8f;
                float[] sentiment = text.contains("up") ? new float[] {0.1f, 0.7f, 0.2f} : new float[] {0.6f, 0.1f, 0.3f};
                out.add(new TextPrediction(topics, sentiment));
            }
            return out;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
