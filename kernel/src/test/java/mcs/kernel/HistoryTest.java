package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private final History history = new History();

    HistoryTest() {
        history.add(1, "fmnist = dataset(\"fashion-mnist\")", null);
        history.add(2, "len([1, 2])", "2");
        history.add(3, "42", "42");
        history.add(4, "len([1, 2])", "2");
        history.add(5, "len([3])", "1");
    }

    @Test
    void tailGivesTheLastN() {
        assertThat(history.tail(2)).extracting(History.Entry::line).containsExactly(4, 5);
        assertThat(history.tail(99)).hasSize(5);
    }

    @Test
    void rangeIsHalfOpenAndForThisSession() {
        assertThat(history.range(1, 2, 4)).extracting(History.Entry::input)
                .containsExactly("len([1, 2])", "42");
        assertThat(history.range(0, 4, 0)).extracting(History.Entry::line).containsExactly(4, 5);
        assertThat(history.range(7, 1, 3)).isEmpty();
    }

    @Test
    void searchMatchesGlobsNewestLast() {
        assertThat(history.search("len(*", -1, false)).extracting(History.Entry::line)
                .containsExactly(2, 4, 5);
        assertThat(history.search("len(*", -1, true)).extracting(History.Entry::line)
                .containsExactly(4, 5);
        assertThat(history.search("len(*", 1, false)).extracting(History.Entry::line)
                .containsExactly(5);
        assertThat(history.search("4?", -1, false)).extracting(History.Entry::line)
                .containsExactly(3);
        assertThat(history.search("len([[]3]*", -1, false)).extracting(History.Entry::line)
                .containsExactly(5);
        assertThat(history.search("len", -1, false)).isEmpty();
    }

    @Test
    void answersARequestWithOrWithoutOutputs() {
        JsonObject request = new JsonObject();
        request.addProperty("hist_access_type", "tail");
        request.addProperty("n", 2);
        request.addProperty("output", true);
        JsonArray h = history.answer(request).getAsJsonArray("history");
        assertThat(h.toString()).isEqualTo("[[1,4,[\"len([1, 2])\",\"2\"]],[1,5,[\"len([3])\","
                + "\"1\"]]]");
        request.addProperty("output", false);
        request.addProperty("hist_access_type", "search");
        request.addProperty("pattern", "fmnist*");
        assertThat(history.answer(request).toString()).isEqualTo("{\"status\":\"ok\","
                + "\"history\":[[1,1,\"fmnist = dataset(\\\"fashion-mnist\\\")\"]]}");
    }

    @Test
    void keepsABoundedAmountOldestDroppedFirst() {
        History h = new History();
        String big = "x".repeat((int) (History.MAX_CHARS / 4));
        for (int line = 1; line <= 10; line++) {
            h.add(line, big, String.valueOf(line));
        }
        assertThat(h.tail(-1)).extracting(History.Entry::line).containsExactly(8, 9, 10);
        // a cell of several MB was kept for the kernel's life
        h.add(11, "y".repeat((int) History.MAX_CHARS + 1), null);
        assertThat(h.tail(-1)).extracting(History.Entry::line).containsExactly(8, 9, 10);
        h.add(12, "42", "42");
        assertThat(h.tail(1)).extracting(History.Entry::input).containsExactly("42");
    }
}
