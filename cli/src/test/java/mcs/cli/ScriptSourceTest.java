package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mcs.grammar.SourceText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptSourceTest {

    @TempDir
    Path dir;

    @Test
    void readsAFileAsUtf8UnderTheNameGiven() throws Exception {
        Path file = dir.resolve("s.mcs");
        Files.writeString(file, "\uFEFFprint(\"é\")\n", StandardCharsets.UTF_8);
        SourceText source = ScriptSource.file(file.toString());
        assertThat(source.name()).isEqualTo(file.toString());
        assertThat(source.text()).isEqualTo("print(\"é\")\n");
    }

    @Test
    void saysWhyAFileCannotBeRead() throws Exception {
        assertThatThrownBy(() -> ScriptSource.file("missing.mcs"))
                .hasMessage("cannot read missing.mcs: no such file");
        assertThatThrownBy(() -> ScriptSource.file(dir.toString()))
                .hasMessage("cannot read " + dir + ": it is a directory");
        Path binary = dir.resolve("model.mcz");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> ScriptSource.file(binary.toString()))
                .hasMessage("cannot read " + binary + ": it is not UTF-8 text");
    }

    @Test
    void readsStandardInput() throws Exception {
        SourceText source = ScriptSource.stdin(
                new ByteArrayInputStream("x = 1\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(source.name()).isEqualTo("<stdin>");
        assertThat(source.text()).isEqualTo("x = 1\n");
    }
}
