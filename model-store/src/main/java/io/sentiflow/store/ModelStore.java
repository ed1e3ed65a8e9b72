package io.sentiflow.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sentiflow.encoder.onnx.ServingGraph;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.MultiHeadModel;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.ServingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The versioned model store, the single entry point to trained models. Layout under the root:
 * {@code versions/<id>/manifest.json} plus the files it lists, and {@code promoted.json} (the
 * promoted version and the previously promoted ones). A version is published by writing it under a
 * temporary name and renaming it, so readers never see half a version; versions never change.
 *
 * <p>The root is a local path, a {@code file://} URI, or any Flink file system URI ({@code s3://},
 * {@code hdfs://}) through {@link org.apache.flink.core.fs.FileSystem}; on s3 a rename copies, so
 * publishing there is not atomic. Thread safe: it holds no mutable state (concurrent promotions from
 * two processes are last-writer-wins).
 */
public final class ModelStore {

    static final String VERSIONS = "versions";
    static final String PROMOTED = "promoted.json";
    private static final Pattern VERSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final URI root;
    private final StoreFiles files;
    private final ObjectMapper json;

    private ModelStore(URI root, StoreFiles files) {
        this.root = root;
        this.files = files;
        this.json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Opens (without creating anything) the store at a local path or file system URI. */
    public static ModelStore open(String rootUri) {
        URI root = canonical(rootUri);
        try {
            return new ModelStore(root, new StoreFiles(root));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open model store " + rootUri, e);
        }
    }

    /** A new version id: UTC time to the millisecond plus the start of the weights' sha256. */
    public static String newVersionId(Instant createdAt, byte[] weights) {
        return "v" + ID_TIME.format(createdAt) + "-" + Sha256.of(weights).substring(0, 8);
    }

    public URI root() {
        return root;
    }

    /** URI of a version's directory (which may not exist). */
    public String versionUri(String version) {
        requireVersionId(version);
        return root + "/" + VERSIONS + "/" + version;
    }

    public Optional<String> promotedVersion() {
        return readPromotion().map(Promotion::promoted);
    }

    /** All versions, oldest first. */
    public List<VersionSummary> list() {
        String promoted = promotedVersion().orElse(null);
        List<VersionSummary> summaries = new ArrayList<>();
        for (String name : io(() -> files.listDirectories(URI.create(root + "/" + VERSIONS)))) {
            Optional<Manifest> readable = VERSION_ID.matcher(name).matches() ? readableManifest(name) : Optional.empty();
            if (readable.isPresent()) {
                Manifest m = readable.get();
                summaries.add(new VersionSummary(name, m.parentVersion(), m.createdAt(), m.status(),
                        m.encoder() == null ? null : m.encoder().kind(), m.metrics(), name.equals(promoted)));
            }
        }
        summaries.sort(Comparator.comparing(VersionSummary::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(VersionSummary::version));
        return summaries;
    }

    /**
     * The manifest of a version directory, or empty when it has none or it does not parse: such a
     * directory is not a version (a publish on a store without atomic renames may leave one).
     */
    private Optional<Manifest> readableManifest(String name) {
        try {
            return Optional.of(manifest(name));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code version} is in the store (with a manifest, whatever its status). */
    public boolean contains(String version) {
        requireVersionId(version);
        return io(() -> files.exists(URI.create(versionUri(version) + "/" + Manifest.FILE_NAME)));
    }

    /** The parsed manifest of a version (not verified; use {@link #verify} before trusting it). */
    public Manifest manifest(String version) {
        byte[] bytes = manifestBytes(version);
        return io(() -> json.readValue(bytes, Manifest.class));
    }

    public String manifestSha256(String version) {
        return Sha256.of(manifestBytes(version));
    }

    /**
     * Verifies a version without opening its encoder: the version directory ({@code uri}, or the
     * store's own when null) must lie in this store, the manifest must have
     * {@code expectedManifestSha256} (when given) and every check of the manifest must pass.
     */
    public VerifiedVersion verify(String version, String uri, String expectedManifestSha256) throws ModelRejectedException {
        return new VersionVerifier(files, json).verify(version, versionDirectory(version, uri), expectedManifestSha256);
    }

    /** {@link #load(String, String, String, ServingSettings)} with {@link ServingSettings#defaults()}. */
    public ScoringModel load(String version, String uri, String expectedManifestSha256) throws ModelRejectedException {
        return load(version, uri, expectedManifestSha256, ServingSettings.defaults());
    }

    /** {@link #load(String, String, String, ServingSettings)} with the defaults and {@code intraOpThreads}. */
    public ScoringModel load(String version, String uri, String expectedManifestSha256, int intraOpThreads)
            throws ModelRejectedException {
        return load(version, uri, expectedManifestSha256, ServingSettings.defaults().withIntraOpThreads(intraOpThreads));
    }

    /**
     * Verifies a version and opens it for scoring: its encoder (its own file of its kind,
     * {@code encoder-int8.onnx} or {@code encoder-fp32.onnx}, when it lists one, else the carrier
     * jar's) and its heads as one ONNX graph ({@link ServingGraph}, built on the first load of these
     * files and cached beside the encoder). The caller owns the returned model and closes it.
     *
     * @param settings ONNX Runtime threads and spinning for this instance, and its token budget
     * @throws ModelRejectedException saying exactly which check failed
     */
    public ScoringModel load(String version, String uri, String expectedManifestSha256, ServingSettings settings)
            throws ModelRejectedException {
        VerifiedVersion verified = verify(version, uri, expectedManifestSha256);
        Manifest m = verified.manifest();
        EncoderFiles encoderFiles = encoderFiles(verified, versionDirectory(version, uri));
        Path graph;
        try {
            String encoderSha256 = EncoderFiles.modelSha256(verified.encoder(), m.files());
            graph = ServingGraph.file(encoderFiles, encoderSha256, verified.weights());
        } catch (IOException e) {
            throw new ModelRejectedException(RejectionReason.UNREADABLE, version,
                    "cannot build its serving graph: " + e.getMessage(), e);
        }
        return MultiHeadModel.open(version, graph, encoderFiles.tokenizer(), verified.normalization(),
                m.topicLabels(), m.sentimentLabels(), settings);
    }

    /**
     * Verifies a version of this store and returns the encoder files it is served with, as {@link #load}
     * opens them: its own file, cached locally by sha256, or the carrier's. For benchmarks that run the
     * served encoder graph bare beside the model.
     */
    public EncoderFiles servedEncoder(String version) throws ModelRejectedException {
        return encoderFiles(verify(version, null, null), versionDirectory(version, null));
    }

    /** The version's own encoder file when it lists one (its sha256 was verified with the manifest), else the carrier's. */
    private EncoderFiles encoderFiles(VerifiedVersion verified, URI dir) throws ModelRejectedException {
        try {
            return EncoderFiles.forVersion(verified.encoder(), verified.manifest().files(),
                    name -> files.read(URI.create(dir + "/" + name)));
        } catch (IOException e) {
            throw new ModelRejectedException(RejectionReason.UNREADABLE, verified.manifest().version(),
                    "cannot cache its encoder: " + e.getMessage(), e);
        }
    }

    /**
     * Publishes a new immutable version: fills in the files' sha256, writes everything under a
     * temporary directory, then renames it to {@code versions/<draft.version()>}.
     *
     * @param contents plain file names (at least {@link Manifest#WEIGHTS_FILE}) to their bytes
     * @return the version id
     */
    public String publish(Manifest draft, Map<String, byte[]> contents) {
        String version = draft.version();
        requireVersionId(version);
        Map<String, String> sums = new LinkedHashMap<>();
        contents.forEach((name, bytes) -> {
            if (!isPlainName(name) || name.equals(Manifest.FILE_NAME)) {
                throw new IllegalArgumentException("Version file name '" + name + "' is not allowed");
            }
            sums.put(name, Sha256.of(bytes));
        });
        Manifest manifest = draft.withVersionAndFiles(version, sums);
        URI target = URI.create(versionUri(version));
        URI staging = URI.create(root + "/" + VERSIONS + "/.staging-" + version + "-" + UUID.randomUUID());
        io(() -> {
            if (files.exists(target)) {
                throw new IllegalStateException("Version " + version + " already exists; versions are immutable");
            }
            files.mkdirs(staging);
            for (var entry : contents.entrySet()) {
                files.write(URI.create(staging + "/" + entry.getKey()), entry.getValue());
            }
            files.write(URI.create(staging + "/" + Manifest.FILE_NAME), json.writeValueAsBytes(manifest));
            if (files.exists(target) || !files.rename(staging, target)) {
                files.deleteRecursively(staging);
                throw new IOException("Cannot rename " + staging + " to " + target + " (did another writer publish it?)");
            }
            return null;
        });
        return version;
    }

    /**
     * Makes {@code version} the promoted one, remembering the previous for {@link #rollback()}.
     *
     * @throws IllegalArgumentException if the version does not pass verification
     */
    public void promote(String version) {
        try {
            verify(version, null, null);
        } catch (ModelRejectedException e) {
            throw new IllegalArgumentException("Cannot promote: " + e.getMessage(), e);
        }
        Optional<Promotion> current = readPromotion();
        if (current.isPresent() && current.get().promoted().equals(version)) {
            return;
        }
        List<String> history = new ArrayList<>();
        current.ifPresent(p -> {
            history.add(p.promoted());
            history.addAll(p.history());
        });
        writePromotion(new Promotion(version, history));
    }

    /**
     * Returns the pointer to the previously promoted version.
     *
     * @return the now promoted version, or empty (and nothing changed) if there was none before
     */
    public Optional<String> rollback() {
        Optional<Promotion> current = readPromotion();
        if (current.isEmpty() || current.get().history().isEmpty()) {
            return Optional.empty();
        }
        List<String> history = current.get().history();
        writePromotion(new Promotion(history.get(0), history.subList(1, history.size())));
        return Optional.of(history.get(0));
    }

    static boolean isPlainName(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && !name.contains("/") && !name.contains("\\") && !name.contains(":") && !name.startsWith(".");
    }

    private URI versionDirectory(String version, String uri) throws ModelRejectedException {
        if (version == null || !VERSION_ID.matcher(version).matches()) {
            throw new ModelRejectedException(RejectionReason.PATH_OUTSIDE_ROOT, version,
                    "'" + version + "' is not a valid version id");
        }
        if (uri == null) {
            return URI.create(versionUri(version));
        }
        URI dir;
        try {
            dir = canonical(uri);
        } catch (IllegalArgumentException e) {
            throw new ModelRejectedException(RejectionReason.PATH_OUTSIDE_ROOT, version, "invalid URI " + uri, e);
        }
        String prefix = root + "/" + VERSIONS + "/";
        String rest = dir.toString().startsWith(prefix) ? dir.toString().substring(prefix.length()) : null;
        if (rest == null || !VERSION_ID.matcher(rest).matches()) {
            throw new ModelRejectedException(RejectionReason.PATH_OUTSIDE_ROOT, version,
                    "URI " + uri + " is not a version directory of the store at " + root);
        }
        return dir;
    }

    private byte[] manifestBytes(String version) {
        requireVersionId(version);
        URI uri = URI.create(versionUri(version) + "/" + Manifest.FILE_NAME);
        return io(() -> {
            if (!files.exists(uri)) {
                throw new IllegalArgumentException("Unknown version " + version + " in " + root);
            }
            return files.read(uri);
        });
    }

    private Optional<Promotion> readPromotion() {
        URI uri = URI.create(root + "/" + PROMOTED);
        return io(() -> files.exists(uri) ? Optional.of(json.readValue(files.read(uri), Promotion.class)) : Optional.empty());
    }

    private void writePromotion(Promotion promotion) {
        io(() -> {
            files.mkdirs(root);
            files.replace(URI.create(root + "/" + PROMOTED), json.writeValueAsBytes(promotion));
            return null;
        });
    }

    private static void requireVersionId(String version) {
        if (version == null || !VERSION_ID.matcher(version).matches()) {
            throw new IllegalArgumentException("'" + version + "' is not a valid version id");
        }
    }

    /** Absolute, normalized URI without a trailing slash; plain paths become file URIs. */
    static URI canonical(String location) {
        URI uri = URI.create(location.replace(" ", "%20")).normalize();
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            uri = (uri.getScheme() == null ? Paths.get(location) : Paths.get(uri)).toAbsolutePath().normalize().toUri();
        }
        String text = uri.toString();
        while (text.endsWith("/") && text.length() > 1 && !text.endsWith(":///")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private <T> T io(IoAction<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Model store " + root + ": " + e.getMessage(), e);
        }
    }
}
