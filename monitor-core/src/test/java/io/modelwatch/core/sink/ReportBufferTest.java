package io.modelwatch.core.sink;

import static io.modelwatch.core.sink.HtmlReportTest.all;
import static io.modelwatch.core.sink.HtmlReportTest.day;
import static io.modelwatch.core.sink.HtmlReportTest.parse;
import static io.modelwatch.core.sink.HtmlReportTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** What the report pages keep of a long-running service's results: bounded, newest first kept. */
class ReportBufferTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aSeriesKeepsItsLatestWindowsAndOnlyTheLatestKeepsItsTables() throws Exception {
        ReportBuffer buffer = new ReportBuffer();
        for (int i = 0; i < HtmlReport.MAX_WINDOWS + 10; i++) {
            buffer.accept(List.of(day("m", Map.of(), i, 0.1, 0.05, 0.2, null, false)));
        }
        // A window evaluated again replaces its result; a late one keeps no tables.
        buffer.accept(List.of(day("m", Map.of(), HtmlReport.MAX_WINDOWS + 9, 0.3, 0.2, 0.4, null, false)));
        buffer.accept(List.of(day("m", Map.of(), 100, 0.2, 0.1, 0.3, null, false)));

        assertThat(buffer.size()).isEqualTo(HtmlReport.MAX_WINDOWS);
        Document d = parse(buffer.render("r", NOW));
        assertThat(all(d, "//table[@class='windows']/tbody/tr").getLength()).isEqualTo(HtmlReport.MAX_WINDOWS);
        assertThat(text(d, "//table[@class='windows']/tbody/tr[1]/td[1]")).isEqualTo("2026-11-11 00:00");
        assertThat(text(d, "//table[@class='summary']//span[@class='value'][1]")).isEqualTo("ece=0.3");
        assertThat(all(d, "//table[@class='plugin']").getLength()).isEqualTo(1);
    }

    @Test
    void theWholeBufferIsBoundedTakingFromTheLongestSeries() {
        ReportBuffer buffer = new ReportBuffer();
        List<io.modelwatch.core.kernel.WindowResult> batch = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            for (int i = 0; i < 400; i++) {
                batch.add(day("m", Map.of("seg", Integer.toString(s)), i, 0.1, 0.05, 0.2, null, false));
            }
        }
        buffer.accept(batch);

        assertThat(buffer.size()).isEqualTo(ReportBuffer.MAX_RESULTS);
        // 60 series share 20,000 results: none is left with fewer than 333 windows.
        String page = buffer.render("r", NOW);
        assertThat(page.split("<article ", -1)).hasSize(61);
    }
}
