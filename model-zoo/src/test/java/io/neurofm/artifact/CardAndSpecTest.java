package io.neurofm.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.dsp.Filters;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ModelCard markdown round trips and refusals; filter specs do what Filters does. */
class CardAndSpecTest {
    @Test
    void cardRendersTheSectionsAndParsesBack() {
        ModelCard card = ArtifactFixtures.card();
        String md = card.toMarkdown();
        assertTrue(md.contains("\n## Data\n\nNo training"), md);
        assertTrue(md.contains("| reconstruction MSE \\| held-out | 0.125 |\n"), md);
        assertTrue(md.indexOf("## Data") < md.indexOf("## Objective") && md.indexOf("## Objective")
                < md.indexOf("## Metrics") && md.indexOf("## Metrics") < md.indexOf("## Intended use")
                && md.indexOf("## Intended use") < md.indexOf("## Limits"), md);
        assertEquals(card, ModelCard.parse(md));

        ModelCard noMetrics = new ModelCard("T", "s", "d\n\nsecond paragraph", "o", Map.of(), "u", "l");
        assertTrue(noMetrics.toMarkdown().contains("## Metrics\n\nNone reported.\n"));
        assertEquals(noMetrics, ModelCard.parse(noMetrics.toMarkdown()));
    }

    @Test
    void cardRefusesMissingSectionsAndHeadingsInText() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> new ModelCard("T", "s", "d", "o", Map.of(), " ", "l"));
        assertTrue(blank.getMessage().contains("intended use must be stated"), blank.getMessage());
        IllegalArgumentException heading = assertThrows(IllegalArgumentException.class,
                () -> new ModelCard("T", "s", "d\n## Limits", "o", Map.of(), "u", "l"));
        assertTrue(heading.getMessage().contains("would read as a heading"), heading.getMessage());
        String md = ArtifactFixtures.card().toMarkdown();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ModelCard.parse(md.substring(0, md.indexOf("## Limits"))));
        assertTrue(missing.getMessage().contains("section \"## Limits\" is missing"), missing.getMessage());
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
                () -> ModelCard.parse(md.replace("## Objective", "## Goal")));
        assertTrue(order.getMessage().contains("expected \"## Objective\""), order.getMessage());
    }

    @Test
    void filterSpecsApplyFiltersAndRefuseNonsense() throws IOException {
        Recording r = ArtifactFixtures.recording();
        PreprocessingSpec spec = ArtifactFixtures.preprocessing();
        Recording expected = Filters.notch(Filters.bandpass(r, 0.5, 40, 4), 60, 30, false);
        Recording actual = spec.applyFilters(r);
        for (int c = 0; c < r.channelCount(); c += 21) {
            assertArrayEquals(expected.channelData(c), actual.channelData(c), 0f);
        }
        assertThrows(IllegalArgumentException.class, () -> FilterSpec.bandpass(40, 0.5, 4));
        assertThrows(IllegalArgumentException.class, () -> FilterSpec.notch(50, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new FilterSpec("comb", List.of(50.0), 0, 30, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PreprocessingSpec(160, List.of(), spec.channels().subList(0, 3), spec.normalisation()));
        assertTrue(e.getMessage().contains("normalisation statistics name channels that are not inputs"),
                e.getMessage());
    }
}
