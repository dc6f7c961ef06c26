using System.Globalization;

namespace CognitoMock.Domain;

/// <summary>The attributes every pool has, and the custom ones its schema adds as custom:name.</summary>
public static class StandardAttributes
{
    public const string CustomPrefix = "custom:";

    public const string EmailVerified = "email_verified";

    public const string PhoneNumberVerified = "phone_number_verified";

    /// <summary>
    /// The schema of a pool whose Schema changed nothing, in the order DescribeUserPool lists it (seen: the
    /// create-user-pool example of the AWS CLI's documentation).
    /// </summary>
    public static IReadOnlyList<SchemaAttribute> Schema { get; } =
    [
        Text("sub", mutable: false, required: true, minLength: 1),
        Text("name"), Text("given_name"), Text("family_name"), Text("middle_name"), Text("nickname"),
        Text("preferred_username"), Text("profile"), Text("picture"), Text("website"), Text("email"),
        Flag(EmailVerified),
        Text("gender"), Text("birthdate", minLength: 10, maxLength: 10), Text("zoneinfo"), Text("locale"), Text("phone_number"),
        Flag(PhoneNumberVerified),
        Text("address"),
        new() { Name = "updated_at", AttributeDataType = "Number", DeveloperOnlyAttribute = false, Mutable = true, Required = false, NumberAttributeConstraints = new() { MinValue = "0" } },
    ];

    public static readonly IReadOnlySet<string> Names = Schema.Select(a => a.Name!).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(UserPool pool, string name) => PoolSchema.Find(pool, name) is not null;

    private static SchemaAttribute Text(string name, bool mutable = true, bool required = false, int minLength = 0, int maxLength = 2048) => new()
    {
        Name = name,
        AttributeDataType = "String",
        DeveloperOnlyAttribute = false,
        Mutable = mutable,
        Required = required,
        StringAttributeConstraints = new()
        {
            MinLength = minLength.ToString(CultureInfo.InvariantCulture),
            MaxLength = maxLength.ToString(CultureInfo.InvariantCulture),
        },
    };

    private static SchemaAttribute Flag(string name) =>
        new() { Name = name, AttributeDataType = "Boolean", DeveloperOnlyAttribute = false, Mutable = true, Required = false };
}
