package io.sentiflow.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The pretrained sentence encoders a version can be trained with: all-MiniLM-L6-v2 in fp32 or int8,
 * carried as class-path resources by the LangChain4j embedding jars (only the files are used).
 * The sha256 values pin the exact files; a version records them and loading refuses a mismatch.
 */
public enum EncoderKind {
    FP32("sentence-transformers/all-MiniLM-L6-v2",
            "all-minilm-l6-v2.onnx",
            "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e",
            "all-minilm-l6-v2-tokenizer.json",
            "da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0"),
    INT8("sentence-transformers/all-MiniLM-L6-v2-int8",
            "all-minilm-l6-v2-q.onnx",
            "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1",
            "all-minilm-l6-v2-q-tokenizer.json",
            "da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0");

    /** Width of the encoder's per-token output. */
    public static final int HIDDEN_SIZE = 384;

    private final String id;
    private final String modelResource;
    private final String modelSha256;
    private final String tokenizerResource;
    private final String tokenizerSha256;

    EncoderKind(String id, String modelResource, String modelSha256, String tokenizerResource,
            String tokenizerSha256) {
        this.id = id;
        this.modelResource = modelResource;
        this.modelSha256 = modelSha256;
        this.tokenizerResource = tokenizerResource;
        this.tokenizerSha256 = tokenizerSha256;
    }

    public String id() {
        return id;
    }

    public String modelResource() {
        return modelResource;
    }

    public String modelSha256() {
        return modelSha256;
    }

    public String tokenizerResource() {
        return tokenizerResource;
    }

    public String tokenizerSha256() {
        return tokenizerSha256;
    }

    /** Lower-case name used on the command line and in manifests ({@code fp32}, {@code int8}). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Name of the ONNX file a version may carry for this kind ({@code encoder-fp32.onnx},
     * {@code encoder-int8.onnx}: a fine-tuned encoder exported into a copy of this kind's graph).
     * Listed with its sha256 in the manifest's files, it is served instead of the carrier jar's file.
     */
    public String versionFileName() {
        return "encoder-" + cliName() + ".onnx";
    }

    /** Parses {@code fp32} / {@code int8} (any case). */
    public static Optional<EncoderKind> fromName(String name) {
        for (EncoderKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
