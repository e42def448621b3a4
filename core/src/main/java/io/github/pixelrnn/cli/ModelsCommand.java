package io.github.pixelrnn.cli;

import io.github.pixelrnn.store.Pretrained;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code pixelrnn models}: the pretrained models shipped with the library. */
@Command(name = "models", sortOptions = false,
        description = "list the pretrained models (use one with --checkpoint pretrained:NAME)",
        customSynopsis = "pixelrnn models",
        footer = {"", "Lists the pretrained models: name, test NLL, training budget and the command that",
            "made each. Any command that takes --checkpoint takes pretrained:NAME, e.g.",
            "  pixelrnn sample --checkpoint pretrained:pixelcnn-mnist --n 16 --out s.png"})
final class ModelsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        List<String> names = Pretrained.list();
        if (names.isEmpty()) {
            System.out.println("no pretrained models in this build");
            return 0;
        }
        for (String name : names) {
            Pretrained.Card c = Pretrained.card(name);
            System.out.printf(Locale.ROOT, "pretrained:%-26s %s%n", name, c.description());
            System.out.printf(Locale.ROOT, "    test NLL %.2f nats/image (%.4f bits/dim) on %,d images, %s%n", c.testNats(),
                    c.testBitsPerDim(), c.testImages(), c.evaluation());
            System.out.printf(Locale.ROOT, "    %,d steps, %,d images seen, %.0f min, %s weights, commit %s%n",
                    c.steps(), c.imagesSeen(), c.trainingMinutes(), c.weights(), c.commit());
            System.out.printf(Locale.ROOT, "    %s%n", c.command());
        }
        return 0;
    }
}
