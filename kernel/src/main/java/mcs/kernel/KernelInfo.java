package mcs.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The {@code kernel_info_reply} content: protocol, implementation and the language. */
final class KernelInfo {

    static final String LANGUAGE = "mcs";

    private KernelInfo() {
    }

    /** mcs's version from the jar's manifest, or "dev" when run from classes. */
    static String version() {
        String v = KernelInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    static JsonObject content() {
        JsonObject language = new JsonObject();
        language.addProperty("name", LANGUAGE);
        language.addProperty("version", version());
        language.addProperty("mimetype", "text/x-mcs");
        language.addProperty("file_extension", ".mcs");
        // no lexer or editor mode knows mcs; Python's highlight its comments, strings, numbers
        // and calls the same way
        language.addProperty("pygments_lexer", "python");
        language.addProperty("codemirror_mode", "python");
        language.addProperty("nbconvert_exporter", "script");
        JsonObject o = new JsonObject();
        o.addProperty("status", "ok");
        o.addProperty("protocol_version", Message.PROTOCOL_VERSION);
        o.addProperty("implementation", "mcs");
        o.addProperty("implementation_version", version());
        o.add("language_info", language);
        o.addProperty("banner", "mcs " + version() + ": model compression scripting\n"
                + "help() lists the functions, help(prune) describes one; "
                + "Shift-Tab shows a function's parameters.");
        o.addProperty("debugger", false);
        o.add("help_links", new JsonArray());
        return o;
    }
}
