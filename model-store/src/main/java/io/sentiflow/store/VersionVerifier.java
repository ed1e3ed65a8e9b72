package io.sentiflow.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.model.WeightsCodec;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every check a version passes before it may serve: the manifest's own checksum, each file's
 * sha256, paths inside the root, the encoder, label maps, dimensions and finite weights.
 */
final class VersionVerifier {

    private final StoreFiles files;
    private final ObjectMapper json;

    VersionVerifier(StoreFiles files, ObjectMapper json) {
        this.files = files;
        this.json = json;
    }

    VerifiedVersion verify(String version, URI dir, String expectedManifestSha256) throws ModelRejectedException {
        URI manifestUri = URI.create(dir + "/" + Manifest.FILE_NAME);
        byte[] manifestBytes = readRequired(version, dir, manifestUri, Manifest.FILE_NAME);
        String manifestSha = Sha256.of(manifestBytes);
        if (expectedManifestSha256 != null && !expectedManifestSha256.equalsIgnoreCase(manifestSha)) {
            throw new ModelRejectedException(RejectionReason.MANIFEST_MISMATCH, version,
                    "manifest.json has sha256 " + manifestSha + ", expected " + expectedManifestSha256);
        }
        Manifest manifest = parse(version, manifestBytes);
        checkIdentity(version, manifest);
        byte[] weightsBytes = checkFiles(version, dir, manifest);
        EncoderKind kind = checkEncoder(version, manifest.encoder());
        TextNormalization normalization = checkNormalization(version, manifest.encoder());
        HeadDimensions dims = checkDimensions(version, manifest);
        checkLabels(version, "topic", manifest.topicLabels());
        checkLabels(version, "sentiment", manifest.sentimentLabels());
        return new VerifiedVersion(manifest, manifestSha, kind, normalization, weights(version, dims, weightsBytes));
    }

    private byte[] readRequired(String version, URI dir, URI file, String name) throws ModelRejectedException {
        try {
            if (!files.exists(file)) {
                RejectionReason reason = files.exists(dir) ? RejectionReason.MISSING_FILE : RejectionReason.UNKNOWN_VERSION;
                throw new ModelRejectedException(reason, version,
                        reason == RejectionReason.UNKNOWN_VERSION ? "no version directory at " + dir : "file " + name + " is missing in " + dir);
            }
            return files.read(file);
        } catch (IOException e) {
            throw new ModelRejectedException(RejectionReason.UNREADABLE, version, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Manifest parse(String version, byte[] bytes) throws ModelRejectedException {
        try {
            return json.readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw new ModelRejectedException(RejectionReason.MANIFEST_MISMATCH, version,
                    "manifest.json is not a valid manifest: " + e.getMessage(), e);
        }
    }

    private static void checkIdentity(String version, Manifest manifest) throws ModelRejectedException {
        if (manifest.formatVersion() != Manifest.FORMAT) {
            throw new ModelRejectedException(RejectionReason.MANIFEST_MISMATCH, version,
                    "manifest format " + manifest.formatVersion() + " is not the supported " + Manifest.FORMAT);
        }
        if (!version.equals(manifest.version())) {
            throw new ModelRejectedException(RejectionReason.MANIFEST_MISMATCH, version,
                    "manifest names version " + manifest.version());
        }
        if (manifest.status() != VersionStatus.PUBLISHED) {
            throw new ModelRejectedException(RejectionReason.NOT_PUBLISHED, version, "status is " + manifest.status());
        }
    }

    /** Checks every listed file's name and sha256; returns the weights file's bytes. */
    private byte[] checkFiles(String version, URI dir, Manifest manifest) throws ModelRejectedException {
        if (!manifest.files().containsKey(Manifest.WEIGHTS_FILE)) {
            throw new ModelRejectedException(RejectionReason.MISSING_FILE, version,
                    "manifest lists no " + Manifest.WEIGHTS_FILE);
        }
        byte[] weights = null;
        for (Map.Entry<String, String> entry : manifest.files().entrySet()) {
            String name = entry.getKey();
            if (!ModelStore.isPlainName(name) || name.equals(Manifest.FILE_NAME)) {
                throw new ModelRejectedException(RejectionReason.PATH_OUTSIDE_ROOT, version,
                        "manifest path '" + name + "' is not a plain file name inside the version directory");
            }
            byte[] bytes = readRequired(version, dir, URI.create(dir + "/" + name), name);
            String actual = Sha256.of(bytes);
            if (!actual.equalsIgnoreCase(Objects.requireNonNullElse(entry.getValue(), ""))) {
                throw new ModelRejectedException(RejectionReason.CHECKSUM_MISMATCH, version,
                        "file " + name + " has sha256 " + actual + ", manifest says " + entry.getValue());
            }
            if (name.equals(Manifest.WEIGHTS_FILE)) {
                weights = bytes;
            }
        }
        return weights;
    }

    private static EncoderKind checkEncoder(String version, EncoderSpec spec) throws ModelRejectedException {
        if (spec == null) {
            throw new ModelRejectedException(RejectionReason.UNKNOWN_ENCODER, version, "manifest names no encoder");
        }
        Optional<EncoderKind> kind = EncoderKind.fromName(Objects.requireNonNullElse(spec.kind(), ""));
        if (kind.isEmpty() || !kind.get().id().equals(spec.id())) {
            throw new ModelRejectedException(RejectionReason.UNKNOWN_ENCODER, version,
                    "encoder " + spec.id() + " (" + spec.kind() + ") is not one this build knows");
        }
        if (!kind.get().modelSha256().equals(spec.modelSha256()) || !kind.get().tokenizerSha256().equals(spec.tokenizerSha256())) {
            throw new ModelRejectedException(RejectionReason.UNKNOWN_ENCODER, version, "encoder " + spec.id()
                    + " has sha256 " + spec.modelSha256() + ", the available file has " + kind.get().modelSha256());
        }
        if (spec.maxSequenceLength() != TokenEncoder.MAX_TOKENS || spec.batchSize() < 1 || !"longest".equals(spec.padding())) {
            throw new ModelRejectedException(RejectionReason.MANIFEST_MISMATCH, version, "encoder settings maxSequenceLength="
                    + spec.maxSequenceLength() + " batchSize=" + spec.batchSize() + " padding=" + spec.padding()
                    + " differ from what serving supports (" + TokenEncoder.MAX_TOKENS + ", >=1, longest)");
        }
        return kind.get();
    }

    /** The version's text normalization; one this build does not know would score texts it was not trained on. */
    private static TextNormalization checkNormalization(String version, EncoderSpec spec) throws ModelRejectedException {
        try {
            return TextNormalization.ofManifest(spec.textNormalization());
        } catch (IllegalArgumentException e) {
            throw new ModelRejectedException(RejectionReason.MANIFEST_MISMATCH, version, e.getMessage()
                    + " (this build knows " + java.util.Arrays.toString(TextNormalization.values()) + ")", e);
        }
    }

    private static HeadDimensions checkDimensions(String version, Manifest manifest) throws ModelRejectedException {
        Architecture arch = manifest.architecture();
        if (arch == null || !"attention".equals(arch.pooling()) || !"relu".equals(arch.activation())
                || arch.hidden() != EncoderKind.HIDDEN_SIZE || arch.attention() <= 0 || arch.adapter() <= 0
                || manifest.topicLabels().isEmpty() || manifest.sentimentLabels().isEmpty()) {
            throw new ModelRejectedException(RejectionReason.DIMENSION_MISMATCH, version, "architecture " + arch
                    + " with " + manifest.topicLabels().size() + " topics and " + manifest.sentimentLabels().size()
                    + " sentiments does not fit the encoder's " + EncoderKind.HIDDEN_SIZE + " outputs");
        }
        return new HeadDimensions(arch.hidden(), arch.attention(), arch.adapter(), manifest.topicLabels().size(),
                manifest.sentimentLabels().size());
    }

    private static void checkLabels(String version, String head, List<String> labels) throws ModelRejectedException {
        if (new HashSet<>(labels).size() != labels.size() || labels.stream().anyMatch(l -> l == null || l.isBlank())) {
            throw new ModelRejectedException(RejectionReason.LABEL_MISMATCH, version,
                    "the " + head + " label map " + labels + " has blank or repeated names");
        }
    }

    private static HeadWeights weights(String version, HeadDimensions dims, byte[] bytes) throws ModelRejectedException {
        try {
            return HeadWeights.of(dims, WeightsCodec.decode(bytes));
        } catch (IOException e) {
            throw new ModelRejectedException(RejectionReason.INVALID_WEIGHTS, version, e.getMessage(), e);
        } catch (HeadWeights.WeightsProblem e) {
            RejectionReason reason = e.isShapeProblem() ? RejectionReason.DIMENSION_MISMATCH : RejectionReason.INVALID_WEIGHTS;
            throw new ModelRejectedException(reason, version, e.getMessage(), e);
        }
    }
}
