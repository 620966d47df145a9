package io.bams3.format;

import io.bams3.codec.MessageText;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * The JSON form of a {@link CohortManifest}, read and written with jackson-core's streaming parser
 * and generator. Reading checks the identity ({@code format}, {@code version}) before anything in
 * the members, so a manifest of another format or version is refused as such whatever its members
 * look like; unknown properties are skipped.
 */
final class CohortJson {
    private CohortJson() {}

    static byte[] write(CohortManifest cohort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = RecordJson.FACTORY.createGenerator(RecordJson.INDENTED, out)) {
            g.writeStartObject();
            g.writeName("format");
            g.writeString(CohortManifest.FORMAT);
            g.writeName("version");
            g.writeNumber(CohortManifest.VERSION);
            g.writeName("members");
            g.writeStartArray();
            for (CohortManifest.Member m : cohort.members()) {
                g.writeStartObject();
                g.writeName("sample");
                g.writeString(m.sample());
                g.writeName("dataset");
                g.writeString(m.dataset());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** A member as read, before its values are checked. */
    private record Raw(String sample, String dataset) {}

    /** What the parse saw: the identity, the members, and the first structural problem in them. */
    private static final class Parsed {
        String format;
        Integer version;
        List<Raw> members;
        String problem;

        void problem(String p) {
            if (problem == null) {
                problem = p;
            }
        }
    }

    /**
     * Reads a manifest.
     *
     * @throws IllegalArgumentException saying what is wrong, for anything that is not a manifest
     *     this code reads
     */
    static CohortManifest read(byte[] json) {
        Parsed parsed = parse(json);
        if (parsed.format == null) {
            throw new IllegalArgumentException("not a cohort manifest (no 'format')");
        }
        if (!CohortManifest.FORMAT.equals(parsed.format)) {
            throw new IllegalArgumentException("not a cohort manifest (format '" + MessageText.shown(parsed.format)
                    + "', expected '" + CohortManifest.FORMAT + "')");
        }
        if (parsed.version == null) {
            throw new IllegalArgumentException("the cohort manifest has no 'version'");
        }
        if (parsed.version != CohortManifest.VERSION) {
            throw new IllegalArgumentException("unsupported cohort manifest version " + parsed.version);
        }
        if (parsed.problem != null) {
            throw new IllegalArgumentException(parsed.problem);
        }
        if (parsed.members == null) {
            throw new IllegalArgumentException("the cohort manifest has no 'members'");
        }
        List<CohortManifest.Member> members = new ArrayList<>(parsed.members.size());
        for (int i = 0; i < parsed.members.size(); i++) {
            Raw raw = parsed.members.get(i);
            try {
                members.add(new CohortManifest.Member(raw.sample(), raw.dataset()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("members[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new CohortManifest(members);
    }

    private static Parsed parse(byte[] json) {
        Parsed parsed = new Parsed();
        try (JsonParser p = RecordJson.FACTORY.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a cohort manifest (not a JSON object)");
            }
            boolean[] seen = new boolean[3];
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                int field = switch (name) {
                    case "format" -> 0;
                    case "version" -> 1;
                    case "members" -> 2;
                    default -> -1;
                };
                if (field < 0) {
                    p.skipChildren();
                    continue;
                }
                if (seen[field]) {
                    throw new IllegalArgumentException("duplicate property '" + name + "'");
                }
                seen[field] = true;
                switch (field) {
                    case 0 -> parsed.format = string(p, t, name);
                    case 1 -> {
                        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                            throw new IllegalArgumentException("'version' is not an integer");
                        }
                        parsed.version = p.getIntValue();
                    }
                    default -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw new IllegalArgumentException("'members' is not an array");
                        }
                        parsed.members = members(p, parsed);
                    }
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("text after the manifest's object");
            }
            return parsed;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "not valid JSON (" + MessageText.shown(String.valueOf(e.getOriginalMessage())) + ")", e);
        }
    }

    /** The members array {@code p} is at the start of; a misshapen member is noted, not thrown. */
    private static List<Raw> members(JsonParser p, Parsed parsed) {
        List<Raw> members = new ArrayList<>();
        JsonToken t;
        for (int i = 0; (t = p.nextToken()) != JsonToken.END_ARRAY; i++) {
            if (i == CohortManifest.MAX_MEMBERS) {
                parsed.problem("a cohort has at most " + CohortManifest.MAX_MEMBERS + " members");
            }
            if (t != JsonToken.START_OBJECT) {
                parsed.problem("members[" + i + "] is not an object");
                p.skipChildren();
                continue;
            }
            String sample = null;
            String dataset = null;
            boolean sampleSeen = false;
            boolean datasetSeen = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                String path = "members[" + i + "]." + name;
                boolean isSample = name.equals("sample");
                if (!isSample && !name.equals("dataset")) {
                    p.skipChildren();
                    continue;
                }
                if (isSample ? sampleSeen : datasetSeen) {
                    parsed.problem("duplicate property '" + path + "'");
                }
                if (v != JsonToken.VALUE_STRING) {
                    parsed.problem("'" + path + "' is not a string");
                    p.skipChildren();
                    continue;
                }
                if (isSample) {
                    sampleSeen = true;
                    sample = p.getString();
                } else {
                    datasetSeen = true;
                    dataset = p.getString();
                }
            }
            if (i < CohortManifest.MAX_MEMBERS) {
                members.add(new Raw(sample, dataset));
            }
        }
        return members;
    }

    private static String string(JsonParser p, JsonToken t, String name) {
        if (t != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("'" + name + "' is not a string");
        }
        return p.getString();
    }
}
