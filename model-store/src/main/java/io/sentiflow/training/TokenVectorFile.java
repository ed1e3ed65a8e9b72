package io.sentiflow.training;

import io.sentiflow.model.EncoderKind;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-token vectors ({@code tokens x 384} half floats) by a 64-character key, read whole into memory
 * and appended to on disk: the format of the embedding cache and of fine-tuning's frozen-layer cache.
 * A record is the key (ASCII), the token count and the halfs. Appends are locked, so concurrent JVMs
 * may share a file; a torn last record (a killed run) is cut off when the file is opened.
 *
 * <p>Not thread safe; one instance per run. A null file keeps the vectors in memory only.
 */
public final class TokenVectorFile {

    private static final int KEY_LENGTH = 64;

    private final Path file;
    private final Map<String, EncodedText> entries = new HashMap<>();

    private TokenVectorFile(Path file) {
        this.file = file;
    }

    /** Opens (and reads) {@code file}, creating its directory; null for vectors held in memory only. */
    public static TokenVectorFile open(Path file) {
        TokenVectorFile vectors = new TokenVectorFile(file);
        if (file == null) {
            return vectors;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                vectors.readAll();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read token vectors " + file, e);
        }
        return vectors;
    }

    /** The file, or null when in memory only. */
    public Path file() {
        return file;
    }

    public int size() {
        return entries.size();
    }

    /** The vectors of {@code key}, or null. */
    public EncodedText get(String key) {
        return entries.get(key);
    }

    /** Adds the vectors under their keys (64 ASCII characters each) and appends them to the file. */
    public void append(List<String> keys, List<EncodedText> vectors) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (int i = 0; i < keys.size(); i++) {
                byte[] key = keys.get(i).getBytes(StandardCharsets.US_ASCII);
                if (key.length != KEY_LENGTH) {
                    throw new IllegalArgumentException("Keys have " + KEY_LENGTH + " characters: " + keys.get(i));
                }
                EncodedText encoded = vectors.get(i);
                out.write(key);
                out.writeShort(encoded.tokens());
                ByteBuffer raw = ByteBuffer.allocate(2 * encoded.halfs().length);
                raw.asShortBuffer().put(encoded.halfs());
                out.write(raw.array());
                entries.put(keys.get(i), encoded);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot happen writing to memory", e);
        }
        if (file != null) {
            write(bytes.toByteArray());
        }
    }

    private void write(byte[] records) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); FileLock lock = channel.lock()) {
            ByteBuffer buffer = ByteBuffer.wrap(records);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to token vectors " + file, e);
        }
    }

    private void readAll() throws IOException {
        // Locked so that a concurrent run's half-written append is not mistaken for a torn record.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            long intact = readRecords(channel);
            if (intact < channel.size()) {
                channel.truncate(intact); // later appends must not follow a torn record
            }
        }
    }

    private long readRecords(FileChannel channel) throws IOException {
        byte[] keyBytes = new byte[KEY_LENGTH];
        long intact = 0;
        // Not closed: closing would close the locked channel, which the caller still needs.
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 20));
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
}
