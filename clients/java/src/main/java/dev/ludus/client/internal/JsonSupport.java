package dev.ludus.client.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.ludus.client.ProfileChanges;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * The SDK's one Jackson setup: snake_case members, ISO 8601 instants and dates, days of the week in
 * lower case ({@code monday}), unknown members ignored (and an unknown value of an answer's enum read
 * as its {@code @JsonEnumDefaultValue}), null members left out (except in {@link ProfileChanges},
 * where null clears a member), and exact decimals: {@code BigDecimal}s are written in plain notation
 * ({@code 1000}, never {@code 1E+3}) and read exactly as written.
 */
public final class JsonSupport {

    private JsonSupport() { }

    /** A new mapper (thread-safe once built). Instants without the jsr310 module, to keep one dependency. */
    public static ObjectMapper mapper() {
        SimpleModule instants = new SimpleModule("ludus-instants")
                .addSerializer(Instant.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeString(value.toString());
                    }
                })
                .addDeserializer(Instant.class, new JsonDeserializer<>() {
                    @Override
                    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                        return Instant.parse(parser.getValueAsString());
                    }
                })
                // Days of the week in lower case, as the server writes them ("monday").
                .addSerializer(DayOfWeek.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(DayOfWeek value, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeString(value.name().toLowerCase(Locale.ROOT));
                    }
                })
                .addDeserializer(DayOfWeek.class, new JsonDeserializer<>() {
                    @Override
                    public DayOfWeek deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                        return DayOfWeek.valueOf(parser.getValueAsString().toUpperCase(Locale.ROOT));
                    }
                })
                .addDeserializer(LocalDate.class, new JsonDeserializer<>() {
                    @Override
                    public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                        return LocalDate.parse(parser.getValueAsString());
                    }
                })
                // Its null members are sent as null (they clear the profile member), not left out.
                .addSerializer(ProfileChanges.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(ProfileChanges value, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeStartObject();
                        for (Map.Entry<String, Object> member : value.members().entrySet()) {
                            generator.writeFieldName(member.getKey());
                            provider.defaultSerializeValue(member.getValue(), generator);
                        }
                        generator.writeEndObject();
                    }
                });
        return new ObjectMapper(JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build())
                .registerModule(instants)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
                .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE, true)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
