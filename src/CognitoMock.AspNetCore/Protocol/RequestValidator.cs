using System.Globalization;
using System.Text.Json;
using CognitoMock.AspNetCore.Model;
using CognitoMock.Errors;

namespace CognitoMock.AspNetCore.Protocol;

/// <summary>
/// Checks a request body against its operation's input shape, the way AWS does before it looks anything up
/// (docs/behaviour.md §1): a value of the wrong JSON type is a SerializationException at once; every constraint that
/// fails is collected into one InvalidParameterException, worded as AWS words it.
/// </summary>
internal static class RequestValidator
{
    public static void Validate(Shape input, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Mismatch(body, input);
        }

        var violations = new List<string>();
        try
        {
            Structure(input, body, null, violations);
        }
        catch (InvalidOperationException e)
        {
            // JsonDocument checks a string's UTF-8 only when the string is read.
            throw new SerializationException($"The request body is not valid UTF-8 JSON: {e.Message}");
        }

        if (violations.Count > 0)
        {
            var count = violations.Count == 1 ? "1 validation error detected" : $"{violations.Count} validation errors detected";
            throw new InvalidParameterException($"{count}: {string.Join("; ", violations)}");
        }
    }

    private static void Structure(Shape shape, JsonElement value, string? path, List<string> violations)
    {
        foreach (var member in shape.Members)
        {
            var memberPath = path is null ? member.PathName : $"{path}.{member.PathName}";
            if (!value.TryGetProperty(member.Name, out var memberValue) || memberValue.ValueKind == JsonValueKind.Null)
            {
                if (member.Required)
                {
                    violations.Add($"Value null at '{memberPath}' failed to satisfy constraint: Member must not be null");
                }

                continue;
            }

            Value(member.Shape, memberValue, memberPath, violations);
        }
    }

    private static void Value(Shape shape, JsonElement value, string path, List<string> violations)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String:
                Require(value, JsonValueKind.String, shape);
                Text(shape, value.GetString()!, path, violations);
                break;
            case ShapeKind.Integer or ShapeKind.Long:
                Require(value, JsonValueKind.Number, shape);
                if (!value.TryGetInt64(out var number) || (shape.Kind == ShapeKind.Integer && number is < int.MinValue or > int.MaxValue))
                {
                    throw new SerializationException($"NUMBER_VALUE {value.GetRawText()} can not be converted to {Article(shape)}");
                }

                Range(shape, number, value, path, violations);
                break;
            case ShapeKind.Double:
                Require(value, JsonValueKind.Number, shape);
                break;
            case ShapeKind.Timestamp:
                Require(value, JsonValueKind.Number, shape);
                break;
            case ShapeKind.Boolean:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw Mismatch(value, shape);
                }

                break;
            case ShapeKind.Blob:
                Require(value, JsonValueKind.String, shape);
                if (!value.TryGetBytesFromBase64(out var bytes))
                {
                    throw new SerializationException($"Base64 encoded value at '{path}' could not be decoded.");
                }

                Length(shape, bytes.Length, value, path, violations);
                break;
            case ShapeKind.List:
                Require(value, JsonValueKind.Array, shape);
                Length(shape, value.GetArrayLength(), value, path, violations);
                var index = 0;
                foreach (var element in value.EnumerateArray())
                {
                    index++;
                    if (element.ValueKind == JsonValueKind.Null)
                    {
                        throw new SerializationException($"A list member at '{path}' is null.");
                    }

                    Value(shape.Element!, element, $"{path}.{index}.member", violations);
                }

                break;
            case ShapeKind.Map:
                Require(value, JsonValueKind.Object, shape);
                var entries = 0;
                foreach (var entry in value.EnumerateObject())
                {
                    entries++;
                    Text(shape.Key!, entry.Name, $"{path}.key", violations);
                    // A null map value is legal: amazon-cognito-identity-js sends "DEVICE_KEY": null.
                    if (entry.Value.ValueKind != JsonValueKind.Null)
                    {
                        Value(shape.Value!, entry.Value, $"{path}.{entry.Name}", violations);
                    }
                }

                Length(shape, entries, value, path, violations);
                break;
            case ShapeKind.Structure:
                Require(value, JsonValueKind.Object, shape);
                Structure(shape, value, path, violations);
                break;
        }
    }

    // AWS reports a string's pattern before its length (a seen Cognito message for an empty username).
    private static void Text(Shape shape, string text, string path, List<string> violations)
    {
        if (shape.Pattern is { } pattern && !pattern.IsMatch(text))
        {
            violations.Add(Violation(shape, text, path, $"Member must satisfy regular expression pattern: {pattern.Text}"));
        }

        Length(shape, text.Length, text, path, violations);
        if (shape.Enum is { } values && !values.Contains(text))
        {
            violations.Add(Violation(shape, text, path, $"Member must satisfy enum value set: [{string.Join(", ", values)}]"));
        }
    }

    private static void Length(Shape shape, long length, object shown, string path, List<string> violations)
    {
        if (length < shape.Min)
        {
            violations.Add(Violation(shape, shown, path, $"Member must have length greater than or equal to {shape.Min}"));
        }

        if (length > shape.Max)
        {
            violations.Add(Violation(shape, shown, path, $"Member must have length less than or equal to {shape.Max}"));
        }
    }

    private static void Range(Shape shape, long number, JsonElement value, string path, List<string> violations)
    {
        if (number < shape.Min)
        {
            violations.Add(Violation(shape, value, path, $"Member must have value greater than or equal to {shape.Min}"));
        }

        if (number > shape.Max)
        {
            violations.Add(Violation(shape, value, path, $"Member must have value less than or equal to {shape.Max}"));
        }
    }

    /// <summary>One violation, quoting the value unless its shape is sensitive.</summary>
    private static string Violation(Shape shape, object shown, string path, string constraint) =>
        shape.Sensitive
            ? $"Value at '{path}' failed to satisfy constraint: {constraint}"
            : $"Value '{Show(shown)}' at '{path}' failed to satisfy constraint: {constraint}";

    private static string Show(object shown) => shown switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
        JsonElement { ValueKind: JsonValueKind.Array } element =>
            "[" + string.Join(", ", element.EnumerateArray().Select(e => Show(e))) + "]",
        JsonElement element => element.GetRawText(),
        _ => Convert.ToString(shown, CultureInfo.InvariantCulture) ?? "",
    };

    private static void Require(JsonElement value, JsonValueKind kind, Shape shape)
    {
        if (value.ValueKind != kind)
        {
            throw Mismatch(value, shape);
        }
    }

    // Worded after the messages AWS's JSON deserializer gives for a value of the wrong type.
    private static SerializationException Mismatch(JsonElement value, Shape expected) => value.ValueKind switch
    {
        JsonValueKind.Object => new("Start of structure or map found where not expected."),
        JsonValueKind.Array => new("Start of list found where not expected."),
        JsonValueKind.String => new($"STRING_VALUE can not be converted to {Article(expected)}"),
        JsonValueKind.Number => new($"NUMBER_VALUE can not be converted to {Article(expected)}"),
        _ => new($"BOOLEAN_VALUE can not be converted to {Article(expected)}"),
    };

    private static string Article(Shape shape) => shape.Kind switch
    {
        ShapeKind.Integer => "an Integer",
        ShapeKind.Long => "a Long",
        ShapeKind.Double => "a Double",
        ShapeKind.Boolean => "a Boolean",
        ShapeKind.Timestamp => "a Date",
        ShapeKind.Blob => "a ByteBuffer",
        ShapeKind.List => "a List",
        ShapeKind.Map or ShapeKind.Structure => "a Structure",
        _ => "a String",
    };
}
