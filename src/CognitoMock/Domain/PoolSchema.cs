using CognitoMock.Errors;

namespace CognitoMock.Domain;

/// <summary>A pool's attribute schema: the standard attributes as its Schema changed them, and its custom attributes.</summary>
public static class PoolSchema
{
    /// <summary>
    /// Checks a CreateUserPool Schema and completes each entry, as <see cref="UserPool.Schema"/> keeps it. A
    /// standard attribute keeps its type and takes the settings given. Any other name is a custom attribute,
    /// given with or without its custom: prefix, a String, mutable and optional unless it says otherwise;
    /// email_verified and phone_number_verified are among those, because Cognito cannot configure them as the
    /// standard attributes they are (seen: aws-cdk#14699).
    /// </summary>
    public static List<SchemaAttribute> Build(IEnumerable<SchemaAttribute>? given)
    {
        var built = new List<SchemaAttribute>();
        foreach (var entry in given ?? [])
        {
            var name = entry.Name is { } named && named.StartsWith(StandardAttributes.CustomPrefix, StringComparison.Ordinal)
                ? named[StandardAttributes.CustomPrefix.Length..]
                : entry.Name;
            if (string.IsNullOrEmpty(name))
            {
                throw new InvalidParameterException("Every schema attribute needs a Name.");
            }

            if (built.Exists(b => b.Name == name))
            {
                throw new InvalidParameterException($"The schema names the attribute {name} more than once.");
            }

            built.Add(Standard(name) is { } standard ? Configure(standard, entry) : Custom(name, entry));
        }

        return built;
    }

    /// <summary>Every attribute of the pool as DescribeUserPool lists it: the standard ones, then custom:name ones.</summary>
    public static List<SchemaAttribute> Describe(UserPool pool)
    {
        var schema = StandardAttributes.Schema.Select(s => pool.Schema.FirstOrDefault(c => c.Name == s.Name) ?? s).ToList();
        schema.AddRange(pool.Schema.Where(IsCustom).Select(c => c with { Name = StandardAttributes.CustomPrefix + c.Name }));
        return schema;
    }

    /// <summary>The definition of a user attribute, named as users carry it (custom:name), or null if the pool has none.</summary>
    public static SchemaAttribute? Find(UserPool pool, string attributeName)
    {
        if (attributeName.StartsWith(StandardAttributes.CustomPrefix, StringComparison.Ordinal))
        {
            var name = attributeName[StandardAttributes.CustomPrefix.Length..];
            return pool.Schema.FirstOrDefault(c => c.Name == name && IsCustom(c));
        }

        return StandardAttributes.Names.Contains(attributeName)
            ? pool.Schema.FirstOrDefault(c => c.Name == attributeName) ?? StandardAttributes.Schema.First(s => s.Name == attributeName)
            : null;
    }

    /// <summary>The attributes every user of the pool must have, other than the generated sub.</summary>
    public static IEnumerable<string> RequiredAttributes(UserPool pool) =>
        pool.Schema.Where(c => c.Required == true && !IsCustom(c) && c.Name != "sub").Select(c => c.Name!);

    private static bool IsCustom(SchemaAttribute entry) => Standard(entry.Name!) is null;

    private static SchemaAttribute? Standard(string name) =>
        name is StandardAttributes.EmailVerified or StandardAttributes.PhoneNumberVerified
            ? null
            : StandardAttributes.Schema.FirstOrDefault(s => s.Name == name);

    private static SchemaAttribute Configure(SchemaAttribute standard, SchemaAttribute given)
    {
        if (given.AttributeDataType is { } type && type != standard.AttributeDataType)
        {
            throw new InvalidParameterException(
                $"{standard.Name} is a standard attribute of type {standard.AttributeDataType}; its AttributeDataType cannot be {type}.");
        }

        return new SchemaAttribute
        {
            Name = standard.Name,
            AttributeDataType = standard.AttributeDataType,
            DeveloperOnlyAttribute = given.DeveloperOnlyAttribute ?? false,
            Mutable = given.Mutable ?? standard.Mutable,
            Required = given.Required ?? standard.Required,
            NumberAttributeConstraints = given.NumberAttributeConstraints ?? standard.NumberAttributeConstraints,
            StringAttributeConstraints = given.StringAttributeConstraints ?? standard.StringAttributeConstraints,
        };
    }

    private static SchemaAttribute Custom(string name, SchemaAttribute given)
    {
        // AWS's words for it (seen in CloudFormation and CDK reports).
        if (given.Required == true)
        {
            throw new InvalidParameterException("Required custom attributes are not supported currently.");
        }

        return new SchemaAttribute
        {
            Name = name,
            AttributeDataType = given.AttributeDataType ?? "String",
            DeveloperOnlyAttribute = given.DeveloperOnlyAttribute ?? false,
            Mutable = given.Mutable ?? true,
            Required = false,
            NumberAttributeConstraints = given.NumberAttributeConstraints,
            StringAttributeConstraints = given.StringAttributeConstraints,
        };
    }
}
