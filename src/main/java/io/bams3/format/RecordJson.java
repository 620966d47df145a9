package io.bams3.format;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/**
 * JSON objects for records whose components are {@code String}, {@code int}, {@code long} or
 * records of the same kind (the dataset metadata), read and written with jackson-core's streaming
 * parser and generator. A short command reads one metadata object; building a data-binding mapper
 * for it cost more than the rest of the command's start-up. Reading ignores unknown properties and
 * leaves missing ones null (objects, strings) or 0 (numbers); a value of the wrong type, a number
 * out of range or a duplicate property is an error. Writing indents two spaces, components in
 * declaration order.
 */
final class RecordJson {
    static final JsonFactory FACTORY = new JsonFactory();
    static final ObjectWriteContext INDENTED = new ObjectWriteContext.Base() {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            return new DefaultPrettyPrinter();
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    };

    private RecordJson() {}

    static byte[] write(Record value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(INDENTED, out)) {
            writeObject(g, value);
        }
        return out.toByteArray();
    }

    private static void writeObject(JsonGenerator g, Record value) {
        g.writeStartObject();
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            Object v = component(c, value);
            g.writeName(c.getName());
            if (v == null) {
                g.writeNull();
            } else if (v instanceof Record r) {
                writeObject(g, r);
            } else if (v instanceof Integer i) {
                g.writeNumber(i);
            } else if (v instanceof Long l) {
                g.writeNumber(l);
            } else {
                g.writeString((String) v);
            }
        }
        g.writeEndObject();
    }

    private static Object component(RecordComponent c, Record value) {
        try {
            return c.getAccessor().invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c, e);
        }
    }

    /**
     * Reads one JSON object as {@code type}.
     *
     * @throws IllegalArgumentException if the text is not JSON, not an object, or a value does not
     *     fit its component
     */
    static <T extends Record> T read(byte[] json, Class<T> type) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            T value = readObject(p, type, "");
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("text after the object");
            }
            return value;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** Reads the object {@code p} is at the start of. */
    private static <T extends Record> T readObject(JsonParser p, Class<T> type, String path) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Integer> slot = new HashMap<>();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            slot.put(components[i].getName(), i);
            types[i] = components[i].getType();
            values[i] = types[i] == int.class ? (Object) 0 : types[i] == long.class ? (Object) 0L : null;
        }
        boolean[] seen = new boolean[components.length];
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            Integer i = slot.get(name);
            if (i == null) {
                p.skipChildren();
                continue;
            }
            if (seen[i]) {
                throw new IllegalArgumentException("duplicate property '" + path + name + "'");
            }
            seen[i] = true;
            values[i] = value(p, t, types[i], path + name);
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    private static Object value(JsonParser p, JsonToken t, Class<?> type, String path) {
        if (t == JsonToken.VALUE_NULL && !type.isPrimitive()) {
            return null;
        }
        if (type == String.class && t == JsonToken.VALUE_STRING) {
            return p.getString();
        }
        if ((type == int.class || type == long.class) && t == JsonToken.VALUE_NUMBER_INT) {
            if (type == int.class && p.getNumberType() != JsonParser.NumberType.INT) {
                throw new IllegalArgumentException("'" + path + "' is out of range");
            }
            if (type == long.class
                    && p.getNumberType() != JsonParser.NumberType.INT
                    && p.getNumberType() != JsonParser.NumberType.LONG) {
                throw new IllegalArgumentException("'" + path + "' is out of range");
            }
            return type == int.class ? (Object) p.getIntValue() : (Object) p.getLongValue();
        }
        if (type.isRecord() && t == JsonToken.START_OBJECT) {
            return readObject(p, type.asSubclass(Record.class), path + ".");
        }
        throw new IllegalArgumentException("'" + path + "' is not " + expected(type));
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type.isPrimitive()) {
            return "an integer";
        }
        return "an object";
    }
}
