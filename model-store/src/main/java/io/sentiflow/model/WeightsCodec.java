package io.sentiflow.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary weights file of a version: magic {@code SFW1}, a tensor count, then per tensor its
 * name, rank, dimensions and big-endian float32 values. Small (well under a megabyte) and readable
 * without any native library.
 */
public final class WeightsCodec {

    private static final int MAGIC = 0x53465731; // "SFW1"
    private static final int MAX_TENSORS = 64;
    private static final int MAX_VALUES = 64 * 1024 * 1024;

    private WeightsCodec() {}

    public static byte[] encode(List<Tensor> tensors) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(tensors.size());
            for (Tensor tensor : tensors) {
                out.writeUTF(tensor.name());
                int[] shape = tensor.shape();
                out.writeInt(shape.length);
                for (int dim : shape) {
                    out.writeInt(dim);
                }
                for (float value : tensor.data()) {
                    out.writeFloat(value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot happen writing to memory", e);
        }
        return bytes.toByteArray();
    }

    /** Parses a weights file; a malformed file is an {@link IOException} saying where it broke. */
    public static List<Tensor> decode(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("Not a Sentiflow weights file (bad magic)");
            }
            int count = in.readInt();
            if (count < 0 || count > MAX_TENSORS) {
                throw new IOException("Weights file claims " + count + " tensors");
            }
            List<Tensor> tensors = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                tensors.add(readTensor(in));
            }
            if (in.available() > 0) {
                throw new IOException("Weights file has " + in.available() + " trailing bytes");
            }
            return tensors;
        } catch (java.io.EOFException e) {
            throw new IOException("Weights file is truncated", e);
        }
    }

    private static Tensor readTensor(DataInputStream in) throws IOException {
        String name = in.readUTF();
        int rank = in.readInt();
        if (rank < 1 || rank > 4) {
            throw new IOException("Tensor " + name + " has rank " + rank);
        }
        int[] shape = new int[rank];
        long size = 1;
        for (int d = 0; d < rank; d++) {
            shape[d] = in.readInt();
            size *= shape[d];
            if (shape[d] <= 0 || size > MAX_VALUES) {
                throw new IOException("Tensor " + name + " has an invalid dimension " + shape[d]);
            }
        }
        float[] data = new float[(int) size];
        for (int i = 0; i < data.length; i++) {
            data[i] = in.readFloat();
        }
        return new Tensor(name, shape, data);
    }
}
