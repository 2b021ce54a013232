package io.patchwindow.azure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Validates JSON against the subset of Swagger 2.0 schemas the request contracts use: {@code $ref} to
 * {@code #/definitions}, {@code type}, {@code required}, {@code properties} (unknown properties are errors),
 * {@code items}, {@code enum}, {@code minimum}, {@code maximum}, {@code additionalProperties} (a schema),
 * {@code null} values (allowed unless {@code x-nullable: false}) and external {@code $ref}s given by the caller.
 */
public final class SwaggerSubset {
    private final JsonNode spec;
    private final java.util.Map<String, JsonNode> external;

    public SwaggerSubset(JsonNode spec) {
        this(spec, java.util.Map.of());
    }

    /**
     * A validator that also resolves the given references to other files (by their exact {@code $ref} text).
     *
     * @param spec the swagger document
     * @param external schemas of external references, e.g. {@code ../../stable/2015-10-31/schedule.json#/definitions/scheduleFrequency}
     */
    public SwaggerSubset(JsonNode spec, java.util.Map<String, JsonNode> external) {
        this.spec = spec;
        this.external = external;
    }

    List<String> validate(JsonNode value, String definition) {
        List<String> errors = new ArrayList<>();
        check(value, spec.path("definitions").path(definition), "$", errors);
        return errors;
    }

    private void check(JsonNode v, JsonNode schema, String path, List<String> errors) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (external.containsKey(ref)) {
                check(v, external.get(ref), path, errors);
                return;
            }
            if (!ref.startsWith("#/definitions/")) {
                errors.add(path + ": unsupported $ref " + ref);
                return;
            }
            check(v, spec.path("definitions").path(ref.substring("#/definitions/".length())), path, errors);
            return;
        }
        if (schema.isMissingNode()) {
            errors.add(path + ": no schema");
            return;
        }
        if (v.isNull()) {
            // AutoRest reads a value as nullable unless the schema says x-nullable: false
            if (schema.path("x-nullable").isBoolean() && !schema.get("x-nullable").asBoolean()) {
                errors.add(path + ": null is not allowed");
            }
            return;
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "object" -> {
                if (!v.isObject()) {
                    errors.add(path + ": expected an object");
                    return;
                }
                for (JsonNode r : schema.path("required")) {
                    if (!v.has(r.asText())) {
                        errors.add(path + ": missing required '" + r.asText() + "'");
                    }
                }
                Set<String> known = new HashSet<>();
                schema.path("properties").fieldNames().forEachRemaining(known::add);
                v.fields().forEachRemaining(e -> {
                    if (!known.contains(e.getKey()) && schema.path("additionalProperties").isObject()) {
                        check(e.getValue(), schema.get("additionalProperties"), path + "." + e.getKey(), errors);
                    } else if (!known.contains(e.getKey())) {
                        errors.add(path + ": unknown property '" + e.getKey() + "'");
                    } else {
                        check(e.getValue(), schema.path("properties").get(e.getKey()), path + "." + e.getKey(), errors);
                    }
                });
            }
            case "array" -> {
                if (!v.isArray()) {
                    errors.add(path + ": expected an array");
                    return;
                }
                for (int i = 0; i < v.size(); i++) {
                    check(v.get(i), schema.path("items"), path + "[" + i + "]", errors);
                }
            }
            case "string" -> {
                if (!v.isTextual()) {
                    errors.add(path + ": expected a string");
                }
            }
            case "integer" -> {
                if (!v.isIntegralNumber()) {
                    errors.add(path + ": expected an integer");
                }
            }
            case "number" -> {
                if (!v.isNumber()) {
                    errors.add(path + ": expected a number");
                }
            }
            case "boolean" -> {
                if (!v.isBoolean()) {
                    errors.add(path + ": expected a boolean");
                }
            }
            default -> {
                // untyped: anything
            }
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(v);
            }
            if (!found) {
                errors.add(path + ": " + v + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("minimum") && v.isNumber() && v.asDouble() < schema.get("minimum").asDouble()) {
            errors.add(path + ": " + v + " < minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && v.isNumber() && v.asDouble() > schema.get("maximum").asDouble()) {
            errors.add(path + ": " + v + " > maximum " + schema.get("maximum"));
        }
    }
}
