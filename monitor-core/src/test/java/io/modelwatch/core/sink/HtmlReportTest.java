package io.modelwatch.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.api.Table;
import io.modelwatch.core.kernel.WindowResult;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The HTML report, read back as XML: its structure, the chart geometry computed by hand, and
 * escaping of everything that comes from the log or the configuration.
 */
class HtmlReportTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-10T12:00:00Z");

    /** Day window {@code day} of metric {@code calibration}: ECE {@code ece}, its interval and baseline; bins 15. */
    static WindowResult day(String monitor, Map<String, String> segment, int day, double ece, double lo, double hi,
                            Double baseline, boolean significant) {
        Instant start = T0.plusSeconds(86_400L * day);
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("ece", ece);
        values.put("bins", 15.0);
        Map<String, Double> base = baseline == null ? Map.of() : Map.of("ece", baseline);
        Map<String, Double> delta = baseline == null ? Map.of() : Map.of("ece", ece - baseline);
        return new WindowResult(monitor, "resnet-50", "calibration", "vision.calibration", segment, start,
                start.plusSeconds(86_400), "window", 1000 + day, day == 2 ? 3 : 0, values,
                Map.of("ece", new double[] {lo, hi}), base, delta, Map.of(), Map.of("ece", significant),
                Map.of("reliability", new Table(List.of("lower", "upper", "count"), List.of(List.<Object>of(0.0, 0.5, 10),
                        List.<Object>of(0.5, 1.0, 20)))), null);
    }

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    static NodeList all(Document d, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET);
    }

    static String text(Document d, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, d);
    }

    @Test
    void aSeriesGetsAChartWithItsBandBaselineAndSignificantWindows() throws Exception {
        List<WindowResult> results = List.of(
                day("vision", Map.of(), 0, 0.02, 0.01, 0.03, 0.02, false),
                day("vision", Map.of(), 1, 0.04, 0.03, 0.05, 0.02, false),
                day("vision", Map.of(), 2, 0.10, 0.08, 0.12, 0.02, true));
        Document d = parse(HtmlReport.render("ModelWatch report", results, NOW));

        assertThat(text(d, "/html/head/title")).isEqualTo("ModelWatch report");
        assertThat(text(d, "//p[@class='meta']")).startsWith("Generated 2026-11-10 12:00 UTC · 1 monitor · 3 results.");
        assertThat(text(d, "//section/h2")).isEqualTo("vision model resnet-50");
        // The summary: the latest window, its count with the rejected records, the significant value marked.
        assertThat(text(d, "//table[@class='summary']/tbody/tr/td[4]")).isEqualTo("2026-11-03 00:00");
        assertThat(text(d, "//table[@class='summary']/tbody/tr/td[5]")).isEqualTo("1002 (3 rejected)");
        assertThat(text(d, "//table[@class='summary']//span[@class='value sig']")).isEqualTo("ece=0.1");

        // One chart per output; the y range spans values, bounds and baseline: 0.01 to 0.12.
        assertThat(all(d, "//figure").getLength()).isEqualTo(2);
        Element svg = (Element) all(d, "//figure[figcaption='ece']/svg").item(0);
        assertThat(svg.getAttribute("aria-label")).isEqualTo("ece over 3 windows");
        assertThat(text(d, "//figure[figcaption='ece']/svg/text[1]")).isEqualTo("0.12");
        assertThat(text(d, "//figure[figcaption='ece']/svg/text[2]")).isEqualTo("0.01");
        // x = 58 + t·292 for t = 0, ½, 1; y = 12 + (1 − (v − 0.01) / 0.11)·110.
        assertThat(text(d, "//figure[figcaption='ece']/svg/polyline[@class='value']/@points"))
                .isEqualTo(String.join(" ", point(58, 0.02), point(204, 0.04), point(350, 0.10)));
        assertThat(text(d, "//figure[figcaption='ece']/svg/polyline[@class='baseline']/@points"))
                .isEqualTo(String.join(" ", point(58, 0.02), point(204, 0.02), point(350, 0.02)));
        assertThat(text(d, "//figure[figcaption='ece']/svg/polygon[@class='band']/@points")).isEqualTo(String.join(" ",
                point(58, 0.03), point(204, 0.05), point(350, 0.12), point(350, 0.08), point(204, 0.03), point(58, 0.01)));
        assertThat(all(d, "//figure[figcaption='ece']/svg/circle").getLength()).isEqualTo(3);
        assertThat(all(d, "//figure[figcaption='ece']/svg/circle[@class='point sig']").getLength()).isEqualTo(1);
        assertThat(text(d, "//figure[figcaption='ece']/svg/circle[@class='point sig']/title"))
                .isEqualTo("2026-11-03 00:00: ece 0.1 [0.08, 0.12], baseline 0.02, significant");
        // A constant output still draws: its range is padded by 10 %.
        assertThat(text(d, "//figure[figcaption='bins']/svg/text[1]")).isEqualTo("16.5");

        // Every window in a table, and the latest window's plugin tables.
        assertThat(all(d, "//table[@class='windows']/tbody/tr").getLength()).isEqualTo(3);
        assertThat(text(d, "//table[@class='windows']/tbody/tr[3]/td[@class='sig']")).isEqualTo("0.1 [0.08, 0.12] base 0.02");
        assertThat(text(d, "//table[@class='plugin']/caption")).isEqualTo("reliability");
        assertThat(all(d, "//table[@class='plugin']/tbody/tr").getLength()).isEqualTo(2);
    }

    private static String point(double x, double v) {
        return String.format(Locale.ROOT, "%.1f,%.1f", x, 12 + (1 - (v - 0.01) / 0.11) * 110);
    }

    @Test
    void textFromTheLogIsEscapedAndSegmentsHaveTheirOwnSeries() throws Exception {
        String label = "<script>alert('x')</script> & \"q\"\u0001";
        List<WindowResult> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(day("m<1>", Map.of("city", label), i, 0.02, 0.01, 0.03, null, false));
            results.add(day("m<1>", Map.of("city", "Zürich"), i, 0.03, 0.02, 0.04, null, false));
        }
        String html = HtmlReport.render("A & B", results, NOW);
        Document d = parse(html);

        assertThat(html).doesNotContain("<script>");
        assertThat(text(d, "/html/head/title")).isEqualTo("A & B");
        assertThat(text(d, "//section/h2")).isEqualTo("m<1> model resnet-50");
        assertThat(text(d, "//article[1]/h3")).isEqualTo("calibration · city=" + label.replace('\u0001', '\uFFFD'));
        assertThat(text(d, "//article[2]/h3")).isEqualTo("calibration · city=Zürich");
        // No baseline: no dashed line.
        assertThat(all(d, "//polyline[@class='baseline']").getLength()).isZero();
        // Links from the summary reach the articles.
        NodeList links = all(d, "//table[@class='summary']//a/@href");
        assertThat(links.getLength()).isEqualTo(2);
        for (int i = 0; i < links.getLength(); i++) {
            String id = links.item(i).getNodeValue().substring(1);
            assertThat(all(d, "//article[@id='" + id + "']").getLength()).isEqualTo(1);
        }
    }

    @Test
    void aWholeInputResultAFailedMetricAndNoResults() throws Exception {
        WindowResult total = new WindowResult("report", "m", "latency", "core.latency", Map.of(), T0, T0.plusSeconds(60),
                "total", 10, 0, Map.of("mean", 12.5), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), null);
        WindowResult failed = new WindowResult("report", "m", "broken", "x.broken", Map.of(), T0, T0.plusSeconds(60),
                "total", 0, 0, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), "add failed: boom");
        Document d = parse(HtmlReport.render("r", List.of(total, failed), NOW));

        assertThat(text(d, "//table[@class='summary']/tbody/tr[1]/td[4]")).isEqualTo("whole input");
        assertThat(text(d, "//table[@class='summary']/tbody/tr[1]/td[6]")).isEqualTo("mean=12.5");
        assertThat(text(d, "//table[@class='summary']/tbody/tr[2]/td[6]")).isEqualTo("failed: add failed: boom");
        assertThat(all(d, "//figure").getLength()).isZero();

        assertThat(text(parse(HtmlReport.render("r", List.of(), NOW)), "//body/p[2]")).isEqualTo("No results yet.");
    }

    @Test
    void aWindowGivenTwiceCountsOnceTheLaterWins() throws Exception {
        Document d = parse(HtmlReport.render("r", List.of(day("m", Map.of(), 0, 0.5, 0.4, 0.6, null, false),
                day("m", Map.of(), 1, 0.2, 0.1, 0.3, null, false), day("m", Map.of(), 0, 0.3, 0.2, 0.4, null, false)), NOW));

        assertThat(all(d, "//table[@class='windows']/tbody/tr").getLength()).isEqualTo(2);
        assertThat(text(d, "//table[@class='windows']/tbody/tr[1]/td[4]")).startsWith("0.3 ");
    }

    @Test
    void aLongSeriesShowsItsLatestWindows() throws Exception {
        List<WindowResult> results = new ArrayList<>();
        for (int i = 0; i < HtmlReport.MAX_WINDOWS + 20; i++) {
            results.add(day("m", Map.of(), i, 0.1 + i * 1e-4, 0.05, 0.2, null, false));
        }
        Document d = parse(HtmlReport.render("r", results, NOW));

        assertThat(text(d, "//table[@class='summary']/tbody/tr/td[3]")).isEqualTo("520");
        assertThat(text(d, "//article/p[@class='meta']")).isEqualTo("The latest 500 of 520 windows.");
        assertThat(all(d, "//figure[figcaption='ece']/svg/circle").getLength()).isEqualTo(500);
        assertThat(all(d, "//table[@class='windows']/tbody/tr").getLength()).isEqualTo(500);
        assertThat(text(d, "//table[@class='windows']/tbody/tr[1]/td[1]")).isEqualTo("2026-11-21 00:00");
    }

    @Test
    void calibrationBinsGetAReliabilityDiagram() throws Exception {
        Table bins = new Table(List.of("lower", "upper", "count", "mean_confidence", "accuracy"), List.of(
                java.util.Arrays.<Object>asList(0.0, 0.5, 0L, null, null),
                List.<Object>of(0.5, 0.75, 40L, 0.6, 0.5),
                List.<Object>of(0.75, 1.0, 60L, 0.9, 0.8)));
        WindowResult r = new WindowResult("vision", "resnet-50", "calibration", "vision.calibration", Map.of(), T0,
                T0.plusSeconds(86_400), "window", 100, 0, Map.of("ece", 0.1), Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of("reliability", bins), null);
        Document d = parse(HtmlReport.render("r", List.of(r), NOW));

        assertThat(text(d, "//figure[@class='reliability']/figcaption")).isEqualTo("reliability: accuracy against confidence");
        // Square plot of 200 px at 30 px from the edges: x = 30 + 200·c, y = 30 + 200·(1 − a). The empty bin has no bar.
        NodeList bars = all(d, "//figure[@class='reliability']/svg/rect[@class='bin']");
        assertThat(bars.getLength()).isEqualTo(2);
        Element first = (Element) bars.item(0);
        assertThat(List.of(first.getAttribute("x"), first.getAttribute("y"), first.getAttribute("width"),
                first.getAttribute("height"))).containsExactly("130.0", "130.0", "50.0", "100.0");
        assertThat(text(d, "//figure[@class='reliability']/svg/rect[@class='bin'][2]/title"))
                .isEqualTo("[0.75, 1): 60 predictions, accuracy 0.8, mean confidence 0.9");
        assertThat(text(d, "//figure[@class='reliability']/svg/circle[2]/@cx")).isEqualTo("210.0");
        assertThat(text(d, "//figure[@class='reliability']/svg/circle[2]/@cy")).isEqualTo("70.0");
        assertThat(all(d, "//figure[@class='reliability']/svg/line[@class='diagonal']").getLength()).isEqualTo(1);
        // Other tables get none.
        assertThat(all(d, "//figure[@class='reliability']").getLength()).isEqualTo(1);
    }

    @Test
    void theLivePageListsTheActiveAlertsFirst() throws Exception {
        io.modelwatch.core.alert.AlertStatus firing = new io.modelwatch.core.alert.AlertStatus("vision", "calibration",
                Map.of("city", "<b>"), "ece up", "firing", T0.plusSeconds(3600), T0.plusSeconds(7200),
                Map.of("delta.ece", 0.22));
        Document d = parse(HtmlReport.render("live", List.of(day("vision", Map.of(), 0, 0.02, 0.01, 0.03, null, false)),
                NOW, List.of(firing)));

        assertThat(text(d, "//section[1]/h2")).isEqualTo("Active alerts");
        assertThat(text(d, "//table[@class='alerts']/tbody/tr/@class")).isEqualTo("firing");
        assertThat(all(d, "//table[@class='alerts']/tbody/tr[1]/td").getLength()).isEqualTo(8);
        assertThat(text(d, "//table[@class='alerts']/tbody/tr[1]/td[4]")).isEqualTo("city=<b>");
        assertThat(text(d, "//table[@class='alerts']/tbody/tr[1]/td[6]")).isEqualTo("2026-11-01 01:00");
        assertThat(text(d, "//table[@class='alerts']/tbody/tr[1]/td[8]")).isEqualTo("delta.ece=0.22");
        assertThat(text(d, "//section[2]/h2")).isEqualTo("vision model resnet-50");

        assertThat(text(parse(HtmlReport.render("live", List.of(), NOW, List.of())), "//section[@id='alerts']/p"))
                .isEqualTo("No alert is pending or firing.");
        // A report file (no alert list) has no alerts section.
        assertThat(all(parse(HtmlReport.render("r", List.of(), NOW)), "//section[@id='alerts']").getLength()).isZero();
    }

    @Test
    void numbersHaveFiveSignificantDigits() {
        assertThat(HtmlReport.number(0.123456789)).isEqualTo("0.12346");
        assertThat(HtmlReport.number(1234.5678)).isEqualTo("1234.6");
        assertThat(HtmlReport.number(2.0)).isEqualTo("2");
        assertThat(HtmlReport.number(-0.0)).isEqualTo("0");
        assertThat(HtmlReport.number(1.5e-7)).isEqualTo("1.5000e-07");
        assertThat(HtmlReport.number(3.2e9)).isEqualTo("3.2000e+09");
        assertThat(HtmlReport.number(null)).isEqualTo("–");
        assertThat(HtmlReport.number(Double.NaN)).isEqualTo("–");
        assertThat(HtmlReport.number(Double.POSITIVE_INFINITY)).isEqualTo("∞");
    }
}
