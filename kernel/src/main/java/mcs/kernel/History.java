package mcs.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs this kernel has run with {@code store_history}, numbered by execution count, with
 * the text of each cell's last result; answers {@code history_request} as IPython does: the
 * last n ({@code tail}), a range of one session ({@code range}; session 0 or a negative one
 * counts back from this one), or a glob search ({@code *}, {@code ?}, {@code [..]}), newest
 * last. Used from the shell thread only.
 *
 * <p>Kept in memory, so bounded: at most {@link #MAX_CHARS} characters of inputs and outputs,
 * the oldest entries dropped first, and an entry bigger than that on its own is not kept (a
 * cell of several MB stayed in the heap for the kernel's life).
 */
final class History {

    /** The most characters of inputs and outputs kept: some thousands of ordinary cells. */
    static final long MAX_CHARS = 2_000_000;

    /** One stored input: session, line (the execution count), the code, its result text. */
    record Entry(int session, int line, String input, String output) { }

    /** This kernel's session number (history is not kept across kernels). */
    static final int SESSION = 1;

    private final List<Entry> entries = new ArrayList<>();
    private long chars;

    void add(int line, String input, String output) {
        Entry e = new Entry(SESSION, line, input, output);
        if (size(e) > MAX_CHARS) {
            return;
        }
        entries.add(e);
        chars += size(e);
        int drop = 0;
        while (chars > MAX_CHARS) {
            chars -= size(entries.get(drop++));
        }
        entries.subList(0, drop).clear();
    }

    private static long size(Entry e) {
        return (long) e.input().length() + (e.output() == null ? 0 : e.output().length());
    }

    List<Entry> tail(int n) {
        return n < 0 ? List.copyOf(entries)
                : List.copyOf(entries.subList(Math.max(0, entries.size() - n), entries.size()));
    }

    /** Lines {@code start} (inclusive) to {@code stop} (exclusive; 0 or less: to the end). */
    List<Entry> range(int session, int start, int stop) {
        if (session != SESSION && session != 0) {
            return List.of();
        }
        return entries.stream()
                .filter(e -> e.line() >= start && (stop <= 0 || e.line() < stop)).toList();
    }

    /** Inputs matching the glob, the last {@code n} (all when n is negative). */
    List<Entry> search(String glob, int n, boolean unique) {
        Pattern p = glob(glob);
        List<Entry> matching = entries.stream().filter(e -> p.matcher(e.input()).matches())
                .toList();
        if (unique) {
            Map<String, Entry> last = new LinkedHashMap<>();
            for (Entry e : matching) {
                last.remove(e.input());
                last.put(e.input(), e);
            }
            matching = List.copyOf(last.values());
        }
        return n < 0 ? matching : matching.subList(Math.max(0, matching.size() - n),
                matching.size());
    }

    /** A glob as a regex over the whole input, as SQLite's GLOB (which IPython uses). */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[' && glob.indexOf(']', i + 2) > i + 1) {
                int close = glob.indexOf(']', i + 2);
                String set = glob.substring(i + 1, close);
                boolean negate = set.startsWith("^");
                re.append('[').append(negate ? "^" : "")
                        .append(escapeSet(negate ? set.substring(1) : set)).append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static String escapeSet(String set) {
        return set.replace("\\", "\\\\").replace("[", "\\[").replace("&", "\\&");
    }

    /** The reply's {@code history} list: [session, line, input] or [.., [input, output]]. */
    static JsonArray toJson(List<Entry> entries, boolean output) {
        JsonArray list = new JsonArray();
        for (Entry e : entries) {
            JsonArray item = new JsonArray();
            item.add(e.session());
            item.add(e.line());
            if (output) {
                JsonArray pair = new JsonArray();
                pair.add(e.input());
                pair.add(e.output());
                item.add(pair);
            } else {
                item.add(e.input());
            }
            list.add(item);
        }
        return list;
    }

    /** Answers a history request's content. */
    JsonObject answer(JsonObject request) {
        String type = Message.string(request, "hist_access_type");
        int n = Message.integer(request, "n", -1);
        List<Entry> found = switch (type) {
            case "tail" -> tail(n < 0 ? 10 : n);
            case "range" -> range(Message.integer(request, "session", 0),
                    Message.integer(request, "start", 0), Message.integer(request, "stop", 0));
            case "search" -> search(Message.string(request, "pattern").isEmpty() ? "*"
                    : Message.string(request, "pattern"), n, Message.flag(request, "unique",
                    false));
            default -> List.of();
        };
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.add("history", toJson(found, Message.flag(request, "output", false)));
        return reply;
    }
}
