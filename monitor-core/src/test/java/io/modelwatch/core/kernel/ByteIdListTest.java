package io.modelwatch.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Id lists the fast path keeps as bytes behave as the list of Strings the Jackson path builds. */
class ByteIdListTest {
    @TempDir
    Path dir;

    private List<String> ids(String line) {
        MonitorPlan plan = new KernelHarness(dir, new ProbePlugin()).plans("""
                monitors:
                  - name: probe
                    source: { path: in.jsonl }
                    fields: { time: /ts, ids: /recommended }
                    metrics: [ { type: test.probe } ]
                """).get(0);
        RecordDecoder decoder = plan.newDecoder();
        DecodedRecord rec = plan.newRecord();
        assertThat(decoder.decode(line, rec)).isNull();
        assertThat(decoder.fastLines()).isEqualTo(1);
        return rec.ids(plan.fields().plan().request("ids", io.modelwatch.api.InputKind.IDS));
    }

    @Test
    void stringIdsAreKeptAsBytesAndReadAsStrings() {
        List<String> ids = ids("{\"ts\":1793491200000,\"recommended\":[ \"i1\" , \"i22\",\"\",\"i1\",\"x y\"]}");
        assertThat(ids).isInstanceOf(ByteIdList.class);
        assertThat(ids).containsExactly("i1", "i22", "", "i1", "x y");
        assertThat(ids).isEqualTo(List.of("i1", "i22", "", "i1", "x y"));
        assertThat(ids.hashCode()).isEqualTo(List.of("i1", "i22", "", "i1", "x y").hashCode());
        assertThat(ids.get(1)).isSameAs(ids.get(1));
        assertThatThrownBy(() -> ids.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ids.add("z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aListWithOtherValuesIsReadAsTheirText() {
        List<String> ids = ids("{\"ts\":1793491200000,\"recommended\":[\"a\",7,2.5,true,null,\"b\"]}");
        assertThat(ids).isInstanceOf(ArrayList.class);
        assertThat(ids).containsExactly("a", "7", "2.5", "true", null, "b");
        assertThat(ids("{\"ts\":1793491200000,\"recommended\":[]}")).isEmpty();
    }

    @Test
    void longListsGrowTheScratch() {
        StringBuilder sb = new StringBuilder("{\"ts\":1793491200000,\"recommended\":[");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sb.append(i == 0 ? "" : ",").append("\"item-").append(i).append('"');
            expected.add("item-" + i);
        }
        assertThat(ids(sb.append("]}").toString())).isEqualTo(expected);
    }
}
