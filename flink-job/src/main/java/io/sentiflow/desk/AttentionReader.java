package io.sentiflow.desk;

import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.Heads;
import io.sentiflow.model.TextTokenizer;
import io.sentiflow.model.TokenBatch;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.model.TokenSpans;
import io.sentiflow.store.ModelRejectedException;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VerifiedVersion;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The words a version weighed most in a text: the version is verified and opened from the model store
 * (its encoder files and its heads' weights, the very ones its serving graph holds, which
 * {@code ServingParityTest} keeps equal to the Java {@link Heads}), the text encoded alone, and its
 * attention pooling's token weights summed per word ({@link WordSplit}). Nothing is carried on the
 * scored records, so no consumer of news.scored pays for them; the desk computes them for the few texts
 * an analyst opens, caches them, and keeps the {@value #OPEN_VERSIONS} versions used last open.
 *
 * <p>Thread safe: the encoders are not, so all work runs on one thread of its own; callers wait for it.
 * {@link #close()} closes the open versions.
 */
final class AttentionReader implements AutoCloseable {

    /** What became of one text. */
    sealed interface Outcome {}

    record Weighed(WordWeights weights) implements Outcome {}

    record Unavailable(String reason) implements Outcome {}

    private static final Logger LOG = LoggerFactory.getLogger(AttentionReader.class);
    static final int OPEN_VERSIONS = 2;
    private static final int CACHED_TEXTS = 2_000;
    /** Opening a version reads and verifies its encoder (up to 90 MB): seconds on a busy machine. */
    private static final long WAIT_SECONDS = 60;

    private final String storeUri;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(run -> {
        Thread thread = new Thread(run, "sentiflow-desk-attention");
        thread.setDaemon(true);
        return thread;
    });
    private final LinkedHashMap<String, Opened> open = new LinkedHashMap<>(4, 0.75f, true);
    private final LinkedHashMap<String, Outcome> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Outcome> eldest) {
            return size() > CACHED_TEXTS;
        }
    };

    /** One version opened for reading its weights; closes its native resources. */
    private record Opened(TokenEncoder encoder, TextTokenizer tokenizer, Heads heads) implements AutoCloseable {
        @Override
        public void close() {
            encoder.close();
            tokenizer.close();
        }
    }

    AttentionReader(String storeUri) {
        this.storeUri = storeUri;
    }

    /** The word weights of {@code text} as {@code version} read it, or why there are none. */
    Outcome weigh(String version, String textId, String text) {
        try {
            return worker.submit(() -> cached(version, textId, text)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return new Unavailable("version " + version + " took longer than " + WAIT_SECONDS + " s to open; try again");
        } catch (ExecutionException e) {
            return new Unavailable("cannot weigh the words with version " + version + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable("interrupted");
        }
    }

    private Outcome cached(String version, String textId, String text) {
        String key = version + '\u0000' + textId;
        Outcome known = cache.get(key);
        if (known == null) {
            known = compute(version, text);
            cache.put(key, known);
        }
        return known;
    }

    private Outcome compute(String version, String text) {
        Opened model;
        try {
            model = opened(version);
        } catch (ModelRejectedException e) {
            return new Unavailable("version " + version + " cannot be read from the model store " + storeUri + ": "
                    + e.getMessage());
        }
        TokenSpans spans = model.tokenizer().spans(text);
        float[][] hidden = model.encoder().encodeTokens(new TokenBatch(List.of(spans.ids()))).get(0);
        Optional<List<WordWeights.Word>> words = WordSplit.of(text, spans, model.heads().attention(hidden));
        return words.<Outcome>map(list -> new Weighed(new WordWeights(version, list)))
                .orElseGet(() -> new Unavailable("the words of the text and of its normalized form do not line up"));
    }

    private Opened opened(String version) throws ModelRejectedException {
        Opened model = open.get(version);
        if (model != null) {
            return model;
        }
        ModelStore store = ModelStore.open(storeUri);
        VerifiedVersion verified = store.verify(version, null, null);
        EncoderFiles files = store.servedEncoder(version);
        TextTokenizer tokenizer = TextTokenizer.open(files.tokenizer(), verified.normalization());
        try {
            model = new Opened(TokenEncoder.open(files, 1, verified.normalization()), tokenizer,
                    new Heads(verified.weights()));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        LOG.info("Desk opened model version {} to show which words its scores rest on", version);
        open.put(version, model);
        if (open.size() > OPEN_VERSIONS) {
            Iterator<Opened> eldest = open.values().iterator();
            eldest.next().close();
            eldest.remove();
        }
        return model;
    }

    @Override
    public void close() throws InterruptedException {
        worker.submit(() -> {
            open.values().forEach(Opened::close);
            open.clear();
        });
        worker.shutdown();
        worker.awaitTermination(30, TimeUnit.SECONDS);
    }
}
