package io.sentiflow.store;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Byte-level access to the store through Flink's {@link FileSystem}, so the root may be a local
 * directory, {@code s3://} or {@code hdfs://}. Thread safe (stateless besides the file system).
 */
final class StoreFiles {

    private final FileSystem fs;

    StoreFiles(URI root) throws IOException {
        this.fs = FileSystem.get(root);
    }

    boolean exists(URI uri) throws IOException {
        return fs.exists(new Path(uri));
    }

    byte[] read(URI uri) throws IOException {
        try (InputStream in = fs.open(new Path(uri))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    void write(URI uri, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(new Path(uri), FileSystem.WriteMode.NO_OVERWRITE)) {
            out.write(bytes);
        }
    }

    void mkdirs(URI uri) throws IOException {
        if (!fs.mkdirs(new Path(uri))) {
            throw new IOException("Cannot create directory " + uri);
        }
    }

    boolean rename(URI from, URI to) throws IOException {
        return fs.rename(new Path(from), new Path(to));
    }

    void deleteRecursively(URI uri) throws IOException {
        fs.delete(new Path(uri), true);
    }

    /** Names of the directories directly under {@code dir}; empty if it does not exist. */
    List<String> listDirectories(URI dir) throws IOException {
        FileStatus[] statuses;
        try {
            statuses = fs.listStatus(new Path(dir));
        } catch (FileNotFoundException e) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if (statuses != null) {
            for (FileStatus status : statuses) {
                if (status.isDir()) {
                    names.add(status.getPath().getName());
                }
            }
        }
        return names;
    }

    /**
     * Replaces {@code target} by a new file holding {@code bytes}: written under a temporary name
     * beside it, then renamed over it (atomic on local disks and HDFS; s3 renames copy).
     */
    void replace(URI target, byte[] bytes) throws IOException {
        URI temp = URI.create(target + ".tmp-" + UUID.randomUUID());
        write(temp, bytes);
        if (!rename(temp, target)) {
            // Some file systems refuse to rename onto an existing file.
            fs.delete(new Path(target), false);
            if (!rename(temp, target)) {
                deleteRecursively(temp);
                throw new IOException("Cannot rename " + temp + " to " + target);
            }
        }
    }
}
