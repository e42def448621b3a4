package io.github.pixelrnn.cli;

import io.github.pixelrnn.sample.Strategy;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the commands that generate images into a PNG grid: sample and complete. */
final class GridOptions {
    @Option(names = "--seed", paramLabel = "N", description = "seed (default 1); the same seed gives the same images")
    long seed = 1;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "PNG grid to write (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--scale", paramLabel = "N", description = "pixels per image pixel in the PNG (default 3)")
    int scale = 3;

    @Mixin
    StrategyOption strategy = new StrategyOption();

    /** @param defaultOut the grid's file when {@code -o} is not given */
    GridOptions(String defaultOut) {
        this.out = Path.of(defaultOut);
    }

    /** The grid's file, its directory created. */
    Path file() {
        return Common.outputFile(out);
    }

    /** {@code --scale}, checked. */
    int scale() {
        return Check.positive("--scale", scale);
    }

    /** {@code --strategy}. */
    Strategy strategy() {
        return strategy.strategy();
    }
}
