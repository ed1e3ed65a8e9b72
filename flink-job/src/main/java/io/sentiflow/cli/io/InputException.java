package io.sentiflow.cli.io;

import java.nio.file.Path;

/** An input file has a bad record; the message names the file and the line. */
public final class InputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InputException(Path file, long line, String problem) {
        super(file.getFileName() + " line " + line + ": " + problem);
    }

    public InputException(Path file, String problem) {
        super(file.getFileName() + ": " + problem);
    }
}
