package io.github.pixelrnn.cli;

import io.github.pixelrnn.sample.Strategy;
import picocli.CommandLine.Option;

/** {@code --strategy}: how generation computes each sub-pixel. */
final class StrategyOption {
    @Option(names = "--strategy", paramLabel = "S", description = {
        "cached (default: every layer reuses its past work) or naive (the whole network again for every "
                + "sub-pixel, the reference)"})
    String name = "cached";

    Strategy strategy() {
        return Strategy.named(name);
    }
}
