package io.github.pixelrnn.store;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * Reads this library's enums (architecture, recurrent cell and mode, ...) from a checkpoint's
 * JSON strictly: Gson turns a name it does not know into null, which would load a corrupt
 * {@code "cell": "lstn"} as the default cell; here it is a {@link JsonParseException} naming the
 * value, which the checkpoint reports as one line. Written and known names are unchanged.
 */
final class StrictEnums implements TypeAdapterFactory {
    @Override
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        Class<? super T> raw = type.getRawType();
        if (!raw.isEnum() || !raw.getName().startsWith("io.github.pixelrnn.")) {
            return null;
        }
        TypeAdapter<T> names = gson.getDelegateAdapter(this, type);
        return new TypeAdapter<>() {
            @Override
            public void write(JsonWriter out, T value) throws IOException {
                names.write(out, value);
            }

            @Override
            public T read(JsonReader in) throws IOException {
                if (in.peek() == JsonToken.NULL) {
                    in.nextNull();
                    return null;
                }
                String name = in.nextString();
                T value = names.fromJsonTree(new JsonPrimitive(name));
                if (value == null) {
                    throw new JsonParseException("unknown " + raw.getSimpleName() + " '" + name + "'");
                }
                return value;
            }
        };
    }
}
