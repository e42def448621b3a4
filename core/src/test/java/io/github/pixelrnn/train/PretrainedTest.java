package io.github.pixelrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.Datasets;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.Pretrained;
import io.github.pixelrnn.store.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;


/**
 * Every shipped pretrained model loads by name and scores on the first 500 images of its test
 * set what its card records (a class-conditional one given each image's true label, as its card
 * says); every one is at most 2 MB; the classpath holds exactly the models
 * committed under {@code models/}.
 */
class PretrainedTest {

    @Test
    void everyModelScoresWhatItsCardSays() throws IOException {
        List<String> names = Pretrained.list();
        Path committed = Path.of("models");
        List<String> onDisk;
        try (Stream<Path> dirs = Files.isDirectory(committed) ? Files.list(committed) : Stream.empty()) {
            onDisk = dirs.filter(d -> Files.isRegularFile(d.resolve(Pretrained.CARD)))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertEquals(onDisk, names, "the classpath's models are the committed ones");
        for (String name : names) {
            Pretrained.Card card = Pretrained.card(name);
            assertEquals(name, card.name());
            Path dir = Pretrained.resolve(Pretrained.PREFIX + name);
            long bytes;
            try (Stream<Path> files = Files.list(dir)) {
                bytes = files.mapToLong(f -> f.toFile().length()).sum();
            }
            assertTrue(bytes <= 2 * 1024 * 1024, name + " is " + bytes + " bytes");
            try (Checkpoint.Loaded ck = Checkpoint.load(dir, Checkpoint.Weights.AVERAGED)) {
                TrainConfig t = ck.config().train();
                ImageSet test = EvalData.prepare(Datasets.load(t.dataset(), false, null).slice(0, 500),
                        ck.config().model(), t.binarization(), t.threshold());
                double nats = Evaluator.evaluate(ck.model(), test, 250, null).natsPerImage();
                assertEquals(card.check500Nats(), nats, 0.02, name + ": NLL on the first 500 test images");
                assertEquals(ck.model().conditional(), card.evaluation().contains(Evaluator.GIVEN_TRUE_LABEL),
                        name + ": the card says whether its NLL is given the true label: " + card.evaluation());
            }
        }
    }
}
