package io.github.pixelrnn.cli;

import io.github.pixelrnn.model.Preset;
import io.github.pixelrnn.model.Presets;
import java.util.Set;

/** {@code pixelrnn presets}: lists the named model configurations. */
final class PresetsCommand implements Command {

    @Override
    public String name() {
        return "presets";
    }

    @Override
    public String summary() {
        return "list the model presets";
    }

    @Override
    public String usage() {
        return "usage: pixelrnn presets\n";
    }

    @Override
    public Set<String> valueFlags() {
        return Set.of();
    }

    @Override
    public Set<String> switches() {
        return Set.of();
    }

    @Override
    public int run(Args a) {
        for (Preset p : Presets.all()) {
            System.out.printf("%-26s %s%n%-26s   %s; data %s, batch %d%n", p.name(), p.description(), "",
                    p.model().describe(), p.dataset(), p.batchSize());
        }
        return 0;
    }
}
