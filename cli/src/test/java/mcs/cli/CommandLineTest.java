package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mcs.cli.CommandLine.Mode;
import mcs.cli.CommandLine.UsageException;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void noArgumentsIsInteractive() throws Exception {
        CommandLine command = CommandLine.parse();
        assertThat(command.mode()).isEqualTo(Mode.INTERACTIVE);
        assertThat(command.verbose()).isFalse();
        assertThat(command.scriptArgs()).isEmpty();
    }

    @Test
    void aFileAndItsArguments() throws Exception {
        CommandLine command = CommandLine.parse("run.mcs", "a", "--verbose", "-e");
        assertThat(command.mode()).isEqualTo(Mode.FILE);
        assertThat(command.file()).isEqualTo("run.mcs");
        assertThat(command.scriptArgs()).containsExactly("a", "--verbose", "-e");
        assertThat(command.verbose()).isFalse();
    }

    @Test
    void evalTakesTheNextArgumentAsCode() throws Exception {
        for (String flag : new String[] {"-e", "--eval"}) {
            CommandLine command = CommandLine.parse(flag, "print(1)", "x");
            assertThat(command.mode()).isEqualTo(Mode.CODE);
            assertThat(command.code()).isEqualTo("print(1)");
            assertThat(command.scriptArgs()).containsExactly("x");
        }
    }

    @Test
    void evalCodeMayLookLikeAFlag() throws Exception {
        assertThat(CommandLine.parse("-e", "--help").code()).isEqualTo("--help");
    }

    @Test
    void verboseBeforeTheScript() throws Exception {
        assertThat(CommandLine.parse("--verbose", "a.mcs").verbose()).isTrue();
        assertThat(CommandLine.parse("-v", "-e", "1").verbose()).isTrue();
        assertThat(CommandLine.parse("-v").mode()).isEqualTo(Mode.INTERACTIVE);
    }

    @Test
    void helpAndVersion() throws Exception {
        assertThat(CommandLine.parse("--help").mode()).isEqualTo(Mode.HELP);
        assertThat(CommandLine.parse("-h").mode()).isEqualTo(Mode.HELP);
        assertThat(CommandLine.parse("-v", "--help", "x.mcs").mode()).isEqualTo(Mode.HELP);
        assertThat(CommandLine.parse("--version").mode()).isEqualTo(Mode.VERSION);
        assertThat(CommandLine.parse("-V").mode()).isEqualTo(Mode.VERSION);
    }

    @Test
    void dashReadsStandardInput() throws Exception {
        CommandLine command = CommandLine.parse("-", "arg");
        assertThat(command.mode()).isEqualTo(Mode.STDIN);
        assertThat(command.scriptArgs()).containsExactly("arg");
    }

    @Test
    void doubleDashEndsOptions() throws Exception {
        CommandLine command = CommandLine.parse("--", "-odd-name.mcs", "1");
        assertThat(command.mode()).isEqualTo(Mode.FILE);
        assertThat(command.file()).isEqualTo("-odd-name.mcs");
        assertThat(command.scriptArgs()).containsExactly("1");
        assertThat(CommandLine.parse("--").mode()).isEqualTo(Mode.INTERACTIVE);
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        assertThatThrownBy(() -> CommandLine.parse("--bogus"))
                .isInstanceOf(UsageException.class).hasMessage("unknown option --bogus");
        assertThatThrownBy(() -> CommandLine.parse("-x", "a.mcs"))
                .isInstanceOf(UsageException.class).hasMessage("unknown option -x");
    }

    @Test
    void evalWithoutCodeIsAUsageError() {
        assertThatThrownBy(() -> CommandLine.parse("-e"))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("-e needs the code");
        assertThatThrownBy(() -> CommandLine.parse("-v", "--eval"))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--eval needs");
    }
}
