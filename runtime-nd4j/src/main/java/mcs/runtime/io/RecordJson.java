package mcs.runtime.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import mcs.runtime.InvalidInputException;

/**
 * Records as JSON, generically, by their components: numbers, booleans, strings, enums (by
 * name), arrays of numbers, lists, and nested records. A value whose declared type is a sealed
 * interface (such as a {@code LayerSpec}) carries its record's simple name under
 * {@code "type"}, and only the interface's permitted records can be named, so a file can build
 * nothing but those values, through their canonical constructors (which check them). A new
 * layer record therefore needs no change here.
 */
final class RecordJson {

    static final String TYPE = "type";

    private RecordJson() {
    }

    static JsonElement write(Object value, Type declared) {
        Class<?> raw = rawClass(declared);
        if (value == null) {
            throw new IllegalArgumentException("cannot store null for " + declared);
        }
        if (value instanceof Number || value instanceof Character) {
            return value instanceof Character ch ? new JsonPrimitive(ch.toString())
                    : new JsonPrimitive((Number) value);
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof String s) {
            return new JsonPrimitive(s);
        }
        if (value instanceof Enum<?> e) {
            return new JsonPrimitive(e.name());
        }
        if (value.getClass().isArray()) {
            JsonArray a = new JsonArray();
            for (int i = 0; i < Array.getLength(value); i++) {
                a.add(write(Array.get(value, i), value.getClass().getComponentType()));
            }
            return a;
        }
        if (value instanceof List<?> list) {
            Type element = elementType(declared);
            JsonArray a = new JsonArray();
            for (Object o : list) {
                a.add(write(o, element));
            }
            return a;
        }
        if (value instanceof Record r) {
            JsonObject o = new JsonObject();
            if (raw != r.getClass()) {
                o.addProperty(TYPE, r.getClass().getSimpleName());
            }
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                o.add(c.getName(), write(get(c, r), c.getGenericType()));
            }
            return o;
        }
        throw new IllegalArgumentException("cannot store a " + value.getClass().getName());
    }

    /** The value of {@code declared} type that {@code json} describes; what is wrong if not. */
    static Object read(JsonElement json, Type declared, String where) {
        Class<?> raw = rawClass(declared);
        try {
            if (raw == int.class || raw == Integer.class) {
                double d = exactDouble(json, where);
                if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                    return fail(where, "expected a whole number, got " + json);
                }
                return (int) d;
            }
            if (raw == long.class || raw == Long.class) {
                return json.getAsJsonPrimitive().getAsLong();
            }
            if (raw == double.class || raw == Double.class) {
                return exactDouble(json, where);
            }
            if (raw == float.class || raw == Float.class) {
                return primitive(json, where).getAsFloat();
            }
            if (raw == boolean.class || raw == Boolean.class) {
                if (!primitive(json, where).isBoolean()) {
                    return fail(where, "expected true or false, got " + json);
                }
                return json.getAsBoolean();
            }
            if (raw == String.class) {
                return primitive(json, where).getAsString();
            }
            if (raw.isEnum()) {
                return enumValue(raw, primitive(json, where).getAsString(), where);
            }
            if (raw.isArray()) {
                return array(json, raw.getComponentType(), where);
            }
            if (raw == List.class) {
                return list(json, elementType(declared), where);
            }
            return record(json, raw, where);
        } catch (IllegalStateException | UnsupportedOperationException
                 | NumberFormatException e) {
            return fail(where, "expected " + raw.getSimpleName() + ", got " + json);
        }
    }

    private static Object record(JsonElement json, Class<?> raw, String where) {
        if (!json.isJsonObject()) {
            return fail(where, "expected an object, got " + json);
        }
        JsonObject o = json.getAsJsonObject();
        Class<?> cls = raw;
        if (raw.isSealed()) {
            JsonElement t = o.get(TYPE);
            String name = t != null && t.isJsonPrimitive() ? t.getAsString() : null;
            cls = null;
            for (Class<?> p : raw.getPermittedSubclasses()) {
                if (p.getSimpleName().equals(name)) {
                    cls = p;
                }
            }
            if (cls == null) {
                return fail(where, "unknown " + raw.getSimpleName() + " type " + name);
            }
        }
        if (!cls.isRecord()) {
            return fail(where, "cannot build a " + cls.getSimpleName());
        }
        RecordComponent[] comps = cls.getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            JsonElement v = o.get(comps[i].getName());
            String at = where + "." + comps[i].getName();
            if (v == null) {
                return fail(at, "missing");
            }
            args[i] = read(v, comps[i].getGenericType(), at);
            types[i] = comps[i].getType();
        }
        return construct(cls, types, args, where);
    }

    private static Object construct(Class<?> cls, Class<?>[] types, Object[] args, String where) {
        try {
            Constructor<?> k = cls.getDeclaredConstructor(types);
            return k.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidInputException
                    || cause instanceof IllegalArgumentException) {
                return fail(where, cause.getMessage());
            }
            throw new IllegalStateException("building " + cls.getSimpleName(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + cls.getSimpleName(), e);
        }
    }

    private static List<Object> list(JsonElement json, Type element, String where) {
        if (!json.isJsonArray()) {
            fail(where, "expected a list, got " + json);
        }
        List<Object> out = new ArrayList<>();
        JsonArray a = json.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            out.add(read(a.get(i), element, where + "[" + i + "]"));
        }
        return out;
    }

    private static Object array(JsonElement json, Class<?> component, String where) {
        if (!json.isJsonArray()) {
            fail(where, "expected a list, got " + json);
        }
        JsonArray a = json.getAsJsonArray();
        Object out = Array.newInstance(component, a.size());
        for (int i = 0; i < a.size(); i++) {
            Array.set(out, i, read(a.get(i), component, where + "[" + i + "]"));
        }
        return out;
    }

    private static Object enumValue(Class<?> raw, String name, String where) {
        for (Object c : raw.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(name)) {
                return c;
            }
        }
        return fail(where, "unknown " + raw.getSimpleName() + " " + name);
    }

    private static JsonPrimitive primitive(JsonElement json, String where) {
        if (!json.isJsonPrimitive()) {
            fail(where, "expected a single value, got " + json);
        }
        return json.getAsJsonPrimitive();
    }

    private static double exactDouble(JsonElement json, String where) {
        JsonPrimitive p = primitive(json, where);
        if (!p.isNumber()) {
            fail(where, "expected a number, got " + json);
        }
        return p.getAsDouble();
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }

    private static Type elementType(Type declared) {
        if (declared instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[0];
        }
        throw new IllegalArgumentException("a list needs its element type: " + declared);
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported type " + t);
    }

    private static Object fail(String where, String message) {
        throw new InvalidInputException(where + ": " + message);
    }
}
