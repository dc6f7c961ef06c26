using System.Text.Json;

namespace CognitoMock.AspNetCore.Model;

/// <summary>
/// The Cognito service model, read once from the embedded botocore JSON: every operation with its input
/// shape, whether it must be signed, and the error codes it may answer with. Validation and dispatch are
/// driven by it, so no operation carries hand-written constraint checks.
/// </summary>
internal sealed class ServiceModel
{
    private const string ResourceName = "CognitoMock.AspNetCore.Model.cognito-idp-2016-04-18.model.json";

    private static readonly Lazy<ServiceModel> Instance = new(Load);

    private ServiceModel(string targetPrefix, Dictionary<string, OperationModel> operations)
    {
        TargetPrefix = targetPrefix;
        Operations = operations;
    }

    public static ServiceModel Cognito => Instance.Value;

    /// <summary>"AWSCognitoIdentityProviderService", the part of X-Amz-Target before the dot.</summary>
    public string TargetPrefix { get; }

    public IReadOnlyDictionary<string, OperationModel> Operations { get; }

    private static ServiceModel Load()
    {
        using var stream = typeof(ServiceModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The service model {ResourceName} is not embedded.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var shapes = new ShapeBuilder(root.GetProperty("shapes"));
        var operations = new Dictionary<string, OperationModel>(StringComparer.Ordinal);
        foreach (var operation in root.GetProperty("operations").EnumerateObject())
        {
            var body = operation.Value;
            operations[operation.Name] = new OperationModel(
                operation.Name,
                body.TryGetProperty("input", out var input) ? shapes.Get(input.GetProperty("shape").GetString()!) : null,
                RequiresSignature: !(body.TryGetProperty("authtype", out var auth) && auth.GetString() == "none"),
                Errors: body.TryGetProperty("errors", out var errors)
                    ? errors.EnumerateArray().Select(e => e.GetProperty("shape").GetString()!).ToHashSet(StringComparer.Ordinal)
                    : new HashSet<string>(StringComparer.Ordinal));
        }

        return new ServiceModel(root.GetProperty("metadata").GetProperty("targetPrefix").GetString()!, operations);
    }

    /// <summary>Builds shapes on first reference, so a shape that refers to itself is built once.</summary>
    private sealed class ShapeBuilder(JsonElement definitions)
    {
        private readonly Dictionary<string, Shape> _built = new(StringComparer.Ordinal);

        public Shape Get(string name)
        {
            if (_built.TryGetValue(name, out var existing))
            {
                return existing;
            }

            var definition = definitions.GetProperty(name);
            var shape = new Shape(name, ParseKind(definition.GetProperty("type").GetString()!))
            {
                Sensitive = definition.TryGetProperty("sensitive", out var sensitive) && sensitive.GetBoolean(),
                Min = definition.TryGetProperty("min", out var min) ? min.GetInt64() : null,
                Max = definition.TryGetProperty("max", out var max) ? max.GetInt64() : null,
                Pattern = definition.TryGetProperty("pattern", out var pattern) ? new ModelPattern(pattern.GetString()!) : null,
                Enum = definition.TryGetProperty("enum", out var values) ? values.EnumerateArray().Select(v => v.GetString()!).ToArray() : null,
            };
            _built[name] = shape;
            switch (shape.Kind)
            {
                case ShapeKind.Structure:
                    var required = definition.TryGetProperty("required", out var names)
                        ? names.EnumerateArray().Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal)
                        : [];
                    shape.Members = definition.GetProperty("members").EnumerateObject()
                        .Select(m => new Member(m.Name, Get(m.Value.GetProperty("shape").GetString()!), required.Contains(m.Name)))
                        .ToArray();
                    break;
                case ShapeKind.List:
                    shape.Element = Get(definition.GetProperty("member").GetProperty("shape").GetString()!);
                    break;
                case ShapeKind.Map:
                    shape.Key = Get(definition.GetProperty("key").GetProperty("shape").GetString()!);
                    shape.Value = Get(definition.GetProperty("value").GetProperty("shape").GetString()!);
                    break;
            }

            return shape;
        }

        private static ShapeKind ParseKind(string type) => type switch
        {
            "structure" => ShapeKind.Structure,
            "list" => ShapeKind.List,
            "map" => ShapeKind.Map,
            "string" => ShapeKind.String,
            "integer" => ShapeKind.Integer,
            "long" => ShapeKind.Long,
            "boolean" => ShapeKind.Boolean,
            "timestamp" => ShapeKind.Timestamp,
            "blob" => ShapeKind.Blob,
            "double" => ShapeKind.Double,
            _ => throw new InvalidOperationException($"The service model has a shape type '{type}' the mock does not know."),
        };
    }
}

internal sealed record OperationModel(string Name, Shape? Input, bool RequiresSignature, IReadOnlySet<string> Errors);

internal enum ShapeKind
{
    Structure,
    List,
    Map,
    String,
    Integer,
    Long,
    Double,
    Boolean,
    Timestamp,
    Blob,
}

internal sealed class Shape(string name, ShapeKind kind)
{
    public string Name { get; } = name;

    public ShapeKind Kind { get; } = kind;

    /// <summary>A sensitive value is never echoed in a validation message (docs/behaviour.md §1).</summary>
    public bool Sensitive { get; init; }

    public long? Min { get; init; }

    public long? Max { get; init; }

    public ModelPattern? Pattern { get; init; }

    public IReadOnlyList<string>? Enum { get; init; }

    public IReadOnlyList<Member> Members { get; set; } = [];

    public Shape? Element { get; set; }

    public Shape? Key { get; set; }

    public Shape? Value { get; set; }
}

internal sealed class Member(string name, Shape shape, bool required)
{
    public string Name { get; } = name;

    /// <summary>How validation messages name the member: lower camel case, "UserPoolId" as "userPoolId".</summary>
    public string PathName { get; } = char.ToLowerInvariant(name[0]) + name[1..];

    public Shape Shape { get; } = shape;

    public bool Required { get; } = required;
}
