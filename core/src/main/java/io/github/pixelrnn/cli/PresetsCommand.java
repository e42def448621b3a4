package io.github.pixelrnn.cli;

import io.github.pixelrnn.model.Preset;
import io.github.pixelrnn.model.Presets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code pixelrnn presets}: lists the named model configurations. */
@Command(name = "presets", description = "list the model presets", customSynopsis = "pixelrnn presets")
final class PresetsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (Preset p : Presets.all()) {
            System.out.printf("%-26s %s%n%-26s   %s; data %s, batch %d%n", p.name(), p.description(), "",
                    p.model().describe(), p.dataset(), p.batchSize());
        }
        return 0;
    }
}
