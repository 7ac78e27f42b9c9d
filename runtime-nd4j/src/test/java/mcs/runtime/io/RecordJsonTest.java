package mcs.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.List;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Padding;
import org.junit.jupiter.api.Test;

/** Records of any shape go through JSON by their components, with no code per type. */
class RecordJsonTest {

    /** Stand-ins for layer kinds added later: grouped convolutions, branches. */
    sealed interface Block permits Grouped, Branches, Plain { }

    record Grouped(int filters, int groups, double scale, boolean bias, Padding padding,
                   int[] dilation, float[] weights) implements Block { }

    record Branches(List<Block> paths, Options options) implements Block { }

    record Plain() implements Block { }

    record Options(String merge, long seed) { }

    @Test
    void unknownRecordShapesRoundTrip() {
        Block b = new Branches(List.of(new Grouped(8, 2, 0.1, true, Padding.SAME,
                new int[] {1, 2}, new float[] {0.1f, -3e-8f}), new Plain(),
                new Branches(List.of(), new Options("sum", -5L))), new Options("concat", 1L));
        JsonElement json = RecordJson.write(b, Block.class);
        Object back = RecordJson.read(JsonParser.parseString(json.toString()), Block.class, "b");
        assertThat(back).usingRecursiveComparison().isEqualTo(b);
        assertThat(json.toString()).startsWith("{\"type\":\"Branches\",\"paths\":[{\"type\":"
                + "\"Grouped\",\"filters\":8,\"groups\":2,\"scale\":0.1,\"bias\":true,"
                + "\"padding\":\"SAME\",\"dilation\":[1,2],");
    }

    @Test
    void layerSpecsRoundTripIncludingNestedBodies() {
        LayerSpec r = new LayerSpec.Residual(List.of(
                new LayerSpec.Conv2D(4, 3, 2, Padding.SAME, Activation.RELU),
                new LayerSpec.BatchNorm(1e-3, 0.99), new LayerSpec.Dropout(0.3)));
        JsonElement json = RecordJson.write(r, LayerSpec.class);
        assertThat(RecordJson.read(JsonParser.parseString(json.toString()), LayerSpec.class, "l"))
                .isEqualTo(r);
    }

    @Test
    void badValuesSayWhereTheyAre() {
        assertThatThrownBy(() -> read("{\"type\":\"Dense\",\"units\":1.5,\"activation\":\"RELU\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("l.units: expected a whole number, got 1.5");
        assertThatThrownBy(() -> read("{\"type\":\"Dense\",\"units\":3,\"activation\":\"GELU\"}"))
                .hasMessage("l.activation: unknown Activation GELU");
        assertThatThrownBy(() -> read("{\"type\":\"Dropout\",\"rate\":\"x\"}"))
                .hasMessageContaining("l.rate: expected a number");
        assertThatThrownBy(() -> read("{\"type\":\"Dropout\",\"rate\":2}"))
                .hasMessageContaining("rate must be in [0, 1)");
        assertThatThrownBy(() -> read("{\"type\":\"Residual\",\"body\":{}}"))
                .hasMessageContaining("l.body: expected a list");
    }

    private static Object read(String json) {
        return RecordJson.read(JsonParser.parseString(json), LayerSpec.class, "l");
    }
}
