package io.github.pixelrnn.cli;

import io.github.pixelrnn.train.Pretrained;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code pixelrnn models}: the pretrained models shipped with the library. */
final class ModelsCommand implements Command {

    @Override
    public String name() {
        return "models";
    }

    @Override
    public String summary() {
        return "list the pretrained models (use one with --checkpoint pretrained:NAME)";
    }

    @Override
    public String usage() {
        return """
                usage: pixelrnn models
                Lists the pretrained models: name, test NLL, training budget and the command that
                made each. Any command that takes --checkpoint takes pretrained:NAME, e.g.
                  pixelrnn sample --checkpoint pretrained:pixelcnn-mnist --n 16 --out s.png
                """;
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
