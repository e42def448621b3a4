package io.github.pixelrnn.cli;

import io.github.pixelrnn.data.ImageFolderReader;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.model.ModelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Image files and directories given on the command line, and {@code --resize}. */
final class ImageFiles {
    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "PNG/JPEG files, or directories of them")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--resize", description = "resize images to the model's size instead of failing")
    boolean resize;

    boolean isEmpty() {
        return paths.isEmpty();
    }

    /** Every image file named, directories expanded, in the order read. */
    List<Path> files() {
        return ImageFolderReader.listImages(paths);
    }

    /**
     * The images, which must have the model's size and channel count unless {@code --resize}
     * asks to convert them.
     */
    ImageSet read(ModelConfig c) {
        if (resize) {
            return ImageFolderReader.read(paths, c.height(), c.width(), c.channels());
        }
        ImageSet s = ImageFolderReader.readExact(paths, ImageFolderReader.AUTO_CHANNELS);
        EvalData.checkFits(s, c, "the input");
        return s;
    }
}
