package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.AtomicFiles;
import io.github.pixelrnn.data.Datasets;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.store.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Helpers shared by several commands (their shared options are the mixins: {@link DataOptions}, ...). */
final class Common {
    private Common() {
    }

    /** The raw (8-bit) images of data set {@code name} ({@code dir} may be null), sized for {@code model}. */
    static ImageSet load(String name, Path dir, boolean train, ModelConfig model) {
        if (name.equals("folder")) {
            if (dir == null) {
                throw new UserError("--dataset folder needs --data-dir DIR of PNG/JPEG images");
            }
            return Datasets.load(name, train, dir, model.height(), model.width(), model.channels());
        }
        return Datasets.load(name, train, dir);
    }

    /** The command line that ran {@code command}, for provenance: "pixelrnn ARGS...". */
    static String commandLine(CommandSpec command) {
        CommandLine.ParseResult parsed = command.root().commandLine().getParseResult();
        return parsed == null ? Provenance.JAVA_API : "pixelrnn " + String.join(" ", parsed.originalArgs());
    }

    /** Creates the parent directory of an output file, or fails with a one-line error. */
    static Path outputFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError(file + " is a directory; give a file name, e.g. " + file.resolve("out.png"));
        }
        Path parent = file.toAbsolutePath().getParent();
        AtomicFiles.ensureWritable(parent);
        return file;
    }
}
