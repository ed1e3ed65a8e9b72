package io.sentiflow.training;

import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.store.Sha256;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Encoder outputs on disk, keyed by the encoder file's sha256 and the text normalization (one file
 * per pair) and the text's sha256, so a second training run encodes nothing again. Only real tokens are stored, as half
 * floats: a record is the text hash, the token count and {@code tokens x 384} halfs. Appends are
 * locked, so concurrent JVMs may share the directory; a torn last record (a killed run) is ignored.
 *
 * <p>Not thread safe; one instance per training run.
 */
public final class EmbeddingCache {

    private static final int ENCODE_BATCH = 32;

    private final Path file;
    private final EncoderKind kind;
    private final TextNormalization normalization;
    private final Map<String, EncodedText> entries = new HashMap<>();

    private EmbeddingCache(Path file, EncoderKind kind, TextNormalization normalization) {
        this.file = file;
        this.kind = kind;
        this.normalization = normalization;
    }

    /**
     * Opens (and reads) the cache of {@code kind} and {@code normalization} in {@code dir}, creating
     * the directory. The file of unnormalized texts keeps the name it had before normalization existed.
     */
    public static EmbeddingCache open(Path dir, EncoderKind kind, TextNormalization normalization) {
        String suffix = normalization == TextNormalization.NONE ? "" : "-" + normalization.id();
        Path file = dir.resolve(kind.cliName() + "-" + kind.modelSha256().substring(0, 16) + "-t"
                + TokenEncoder.MAX_TOKENS + suffix + ".emb");
        EmbeddingCache cache = new EmbeddingCache(file, kind, normalization);
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                cache.readAll();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read embedding cache " + file, e);
        }
        return cache;
    }

    public int size() {
        return entries.size();
    }

    public Path file() {
        return file;
    }

    /**
     * Returns the outputs of every text, encoding (with an encoder from {@code encoders}, opened only
     * if something is missing, which must be of this cache's kind and normalization) and appending
     * what is not cached yet.
     */
    public List<EncodedText> encodeAll(List<String> texts, Supplier<TokenEncoder> encoders, boolean showProgress) {
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts));
        missing.removeIf(text -> entries.containsKey(key(text)));
        if (!missing.isEmpty()) {
            // Similar lengths per batch waste less work on padding.
            missing.sort(Comparator.comparingInt(String::length));
            try (TokenEncoder encoder = encoders.get();
                    ProgressBar progress = progressBar(missing.size(), showProgress)) {
                if (encoder.kind() != kind || encoder.normalization() != normalization) {
                    throw new IllegalArgumentException("the cache of " + kind.cliName() + "/" + normalization.id()
                            + " was given an encoder of " + encoder.kind().cliName() + "/" + encoder.normalization().id());
                }
                for (int from = 0; from < missing.size(); from += ENCODE_BATCH) {
                    List<String> batch = missing.subList(from, Math.min(missing.size(), from + ENCODE_BATCH));
                    append(batch, encoder.encode(batch));
                    progress.stepBy(batch.size());
                }
            }
        }
        List<EncodedText> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(entries.get(key(text)));
        }
        return out;
    }

    private static ProgressBar progressBar(int total, boolean visible) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("Encoding").setInitialMax(total)
                .setUnit(" texts", 1).showSpeed();
        if (!visible) {
            builder.setConsumer(new me.tongfei.progressbar.DelegatingProgressBarConsumer(line -> { }));
        }
        return builder.build();
    }

    private void append(List<String> texts, List<float[][]> outputs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (int i = 0; i < texts.size(); i++) {
                EncodedText encoded = EncodedText.of(outputs.get(i));
                String key = key(texts.get(i));
                out.write(key.getBytes(StandardCharsets.US_ASCII));
                out.writeShort(encoded.tokens());
                ByteBuffer raw = ByteBuffer.allocate(2 * encoded.halfs().length);
                raw.asShortBuffer().put(encoded.halfs());
                out.write(raw.array());
                entries.put(key, encoded);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot happen writing to memory", e);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); FileLock lock = channel.lock()) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to embedding cache " + file, e);
        }
    }

    private void readAll() throws IOException {
        byte[] keyBytes = new byte[64];
        long intact;
        // Locked so that a concurrent run's half-written append is not mistaken for a torn record.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            intact = readRecords(channel, keyBytes);
            if (intact < channel.size()) {
                channel.truncate(intact); // later appends must not follow a torn record
            }
        }
    }

    private long readRecords(FileChannel channel, byte[] keyBytes) throws IOException {
        long intact = 0;
        // Not closed: closing would close the locked channel, which the caller still needs.
        DataInputStream in = new DataInputStream(
                new BufferedInputStream(java.nio.channels.Channels.newInputStream(channel), 1 << 20));
        try {
            while (true) {
                in.readFully(keyBytes);
                int tokens = in.readShort();
                byte[] raw = new byte[2 * tokens * EncoderKind.HIDDEN_SIZE];
                in.readFully(raw);
                short[] halfs = new short[raw.length / 2];
                ByteBuffer.wrap(raw).asShortBuffer().get(halfs);
                entries.put(new String(keyBytes, StandardCharsets.US_ASCII), new EncodedText(tokens, halfs));
                intact += keyBytes.length + 2 + raw.length;
            }
        } catch (EOFException endOrTornRecord) {
            // The end of the file, or a record a killed run did not finish: everything before it is intact.
        }
        return intact;
    }

    private String key(String text) {
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    }

    public EncoderKind kind() {
        return kind;
    }

    public TextNormalization normalization() {
        return normalization;
    }
}
