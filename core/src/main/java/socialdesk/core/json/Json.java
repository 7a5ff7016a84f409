package socialdesk.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The one way the code reads and writes JSON: jackson-jr over plain Java values (see
 * docs/decisions/2026-12-06-json-library.md).
 *
 * <p>Objects read as {@code LinkedHashMap<String,Object>} (document order), arrays as
 * {@code ArrayList<Object>}, numbers as {@code Long} when integral and in range, otherwise
 * {@code BigDecimal}; strings, booleans and {@code null} as themselves. Hostile input (deep
 * nesting, huge numbers, very long strings or documents, trailing content, invalid UTF-8) fails
 * with a {@link JsonException}, which callers answer with a 4xx.
 */
public final class Json {
    /** Deeper documents than this are refused; no payload we accept nests anywhere near it. */
    public static final int MAX_DEPTH = 128;
    /** Longest number literal accepted: a 64-bit id has 20 digits, a decimal far fewer. */
    static final int MAX_NUMBER_LENGTH = 64;
    /** Largest decimal exponent accepted: {@code 1e999999999} is a few bytes but not data. */
    static final int MAX_DECIMAL_SCALE = 1000;
    /** Longest string value: Lambda's synchronous invoke payload limit, so any event's body fits. */
    static final int MAX_STRING_LENGTH = 6 * 1024 * 1024;
    /** Longest document: the invoke payload limit with room for the event around a body. */
    static final long MAX_DOCUMENT_LENGTH = 8L * 1024 * 1024;
    /** Longest object key; platform payloads use short names. */
    static final int MAX_NAME_LENGTH = 1024;
    /** Writing nests a parsed tree (at most {@link #MAX_DEPTH}) inside a few envelopes; a cycle fails fast. */
    static final int MAX_WRITE_DEPTH = 2 * MAX_DEPTH;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new LineSeparatorEscapes())
            // Decimals read as BigDecimal go back out as written digits (1500, not 1.5E+3).
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_WRITE_DEPTH).build())
            .build();

    private static final JSON JSON_READER_WRITER = JSON.builder(FACTORY)
            .enable(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS, JSON.Feature.PRESERVE_FIELD_ORDERING,
                    JSON.Feature.WRITE_NULL_PROPERTIES)
            .disable(JSON.Feature.HANDLE_JAVA_BEANS)
            .build();

    private Json() {
    }

    /** Parses one JSON value; trailing content other than whitespace is an error. */
    public static Object parse(String text) {
        if (text == null) {
            throw new JsonException("no JSON text");
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            return read(parser);
        } catch (IOException e) {
            throw refused(e);
        }
    }

    /** Parses UTF-8 bytes as one JSON value; bytes that are not UTF-8 are an error, not replaced. */
    public static Object parse(byte[] utf8) {
        if (utf8 == null) {
            throw new JsonException("no JSON text");
        }
        try (JsonParser parser = FACTORY.createParser(utf8)) {
            return read(parser);
        } catch (IOException e) {
            throw refused(e);
        }
    }

    /** Parses text that must be a JSON object. */
    public static Map<String, Object> parseObject(String text) {
        return asObject(parse(text));
    }

    /** Parses UTF-8 bytes that must be a JSON object. */
    public static Map<String, Object> parseObject(byte[] utf8) {
        return asObject(parse(utf8));
    }

    /**
     * Writes maps (null values included), collections, strings, numbers, booleans and null as JSON;
     * any other value (an enum, an {@code Instant}) as its {@code toString()}.
     */
    public static String write(Object value) {
        try {
            return JSON_READER_WRITER.asString(value);
        } catch (IOException e) {
            throw refused(e);
        }
    }

    private static Object read(JsonParser parser) throws IOException {
        Object value = JSON_READER_WRITER.anyFrom(parser);
        if (parser.nextToken() != null) {
            throw new JsonException("unexpected content after the JSON value");
        }
        return normalised(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new JsonException("expected a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /**
     * jackson-jr reads small integers as {@code Integer} and large ones as {@code BigInteger}; the
     * code reads integers as {@code Long} (and ids too large for one as {@code BigDecimal}), so the
     * tree is brought to that shape in place. Decimals with absurd exponents are refused here.
     */
    @SuppressWarnings("unchecked")
    private static Object normalised(Object value) {
        return switch (value) {
            case Integer i -> Long.valueOf(i);
            case BigInteger big -> big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
            case BigDecimal decimal when Math.abs((long) decimal.scale()) > MAX_DECIMAL_SCALE ->
                    throw new JsonException("number out of range");
            case Map<?, ?> map -> {
                ((Map<String, Object>) map).replaceAll((key, v) -> normalised(v));
                yield map;
            }
            case List<?> list -> {
                ((List<Object>) list).replaceAll(Json::normalised);
                yield list;
            }
            case null, default -> value;
        };
    }

    private static JsonException refused(IOException e) {
        if (e.getCause() instanceof JsonException own) {
            return own;
        }
        String reason = e instanceof JsonProcessingException processing ? processing.getOriginalMessage() : e.getMessage();
        return new JsonException(reason);
    }

    /**
     * Escapes U+2028 and U+2029 as well as what JSON requires: they are valid in JSON strings but end
     * a line in JavaScript, so text we write stays safe to embed in a script.
     */
    private static final class LineSeparatorEscapes extends CharacterEscapes {
        private static final int[] ASCII = standardAsciiEscapesForJSON();
        private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
        private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '\u2028' -> LINE_SEPARATOR;
                case '\u2029' -> PARAGRAPH_SEPARATOR;
                default -> null;
            };
        }
    }
}
