package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class RequestCheckTest {

    private static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }

    @Test
    void takesRequestsAsJupyterClientSendsThem() {
        assertThat(RequestCheck.problem("execute_request", json("{\"code\": \"1\", "
                + "\"silent\": false, \"store_history\": true, \"user_expressions\": {\"a\": "
                + "\"x\"}, \"allow_stdin\": true, \"stop_on_error\": true}"))).isEmpty();
        assertThat(RequestCheck.problem("complete_request",
                json("{\"code\": \"pru\", \"cursor_pos\": 3}"))).isEmpty();
        assertThat(RequestCheck.problem("history_request", json("{\"hist_access_type\": "
                + "\"range\", \"session\": 0, \"start\": 1, \"stop\": null, \"raw\": true, "
                + "\"output\": false}"))).isEmpty();
        assertThat(RequestCheck.problem("shutdown_request", json("{\"restart\": false}")))
                .isEmpty();
        assertThat(RequestCheck.problem("kernel_info_request", json("{\"anything\": [1]}")))
                .isEmpty();
    }

    @Test
    void refusesCodeThatIsNotAString() {
        // these ran as the cell "12", as an empty cell, and loudly, before
        assertThat(RequestCheck.problem("execute_request", json("{\"code\": 12}")))
                .contains("execute_request: code must be a string, not the number 12");
        assertThat(RequestCheck.problem("execute_request", json("{\"code\": [\"x = 1\"]}")))
                .contains("execute_request: code must be a string, not a list");
        assertThat(RequestCheck.problem("execute_request", json("{}")))
                .contains("execute_request: code is missing");
        assertThat(RequestCheck.problem("execute_request",
                json("{\"code\": \"x = 1\", \"silent\": \"yes\"}")))
                .contains("execute_request: silent must be true or false, not a string");
        assertThat(RequestCheck.problem("execute_request",
                json("{\"code\": \"1\", \"user_expressions\": {\"a\": [1]}}"))).isPresent();
        assertThat(RequestCheck.problem("is_complete_request", json("{\"code\": null}")))
                .isPresent();
    }

    @Test
    void refusesNumbersThatAreNotWholeInts() {
        assertThat(RequestCheck.problem("inspect_request",
                json("{\"code\": \"prune\", \"cursor_pos\": 1e12}"))).isPresent();
        assertThat(RequestCheck.problem("inspect_request",
                json("{\"code\": \"prune\", \"cursor_pos\": 2.5}"))).isPresent();
        assertThat(RequestCheck.problem("complete_request",
                json("{\"code\": \"prune\", \"cursor_pos\": \"3\"}"))).isPresent();
        assertThat(RequestCheck.problem("history_request", json("{\"n\": \"all\"}")))
                .isPresent();
        assertThat(RequestCheck.problem("inspect_request",
                json("{\"code\": \"prune\", \"cursor_pos\": 5.0}"))).isEmpty();
    }

    @Test
    void aShutdownWhoseRestartIsNotABooleanIsRefused() {
        // ended the kernel before, as if restart were false
        assertThat(RequestCheck.problem("shutdown_request", json("{\"restart\": \"no\"}")))
                .contains("shutdown_request: restart must be true or false, not a string");
    }

    @Test
    void theErrorReplyNamesTheProblem() {
        JsonObject c = RequestCheck.errorContent("execute_request: code is missing");
        assertThat(Message.string(c, "status")).isEqualTo("error");
        assertThat(Message.string(c, "ename")).isEqualTo("BadRequest");
        assertThat(Message.string(c, "evalue")).isEqualTo("execute_request: code is missing");
        assertThat(c.getAsJsonArray("traceback")).hasSize(1);
    }
}
