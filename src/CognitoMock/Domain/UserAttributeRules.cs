using System.Text.RegularExpressions;
using CognitoMock.Api;
using CognitoMock.Errors;

namespace CognitoMock.Domain;

/// <summary>What a user's username and attributes may be, and what changing them does.</summary>
public static partial class UserAttributeRules
{
    /// <summary>
    /// The attributes a request sets, checked (<see cref="RequireChangeable"/>) and in their stored form: an
    /// email or a phone number is well formed; an *_verified flag is true or false. A name given twice keeps its
    /// last value.
    /// </summary>
    public static List<UserAttribute> Check(UserPool pool, List<AttributeType> given, bool creating)
    {
        RequireChangeable(pool, given.Select(a => a.Name), creating);
        var checkedAttributes = new List<UserAttribute>();
        foreach (var attribute in given)
        {
            checkedAttributes.RemoveAll(a => a.Name == attribute.Name);
            checkedAttributes.Add(new UserAttribute { Name = attribute.Name, Value = Checked(attribute.Name, attribute.Value ?? "") });
        }

        return checkedAttributes;
    }

    /// <summary>
    /// Refuses to set or delete attributes the pool's schema does not have, sub, and, once the user exists,
    /// immutable attributes.
    /// </summary>
    public static void RequireChangeable(UserPool pool, IEnumerable<string> names, bool creating)
    {
        var unknown = new List<string>();
        foreach (var name in names)
        {
            if (PoolSchema.Find(pool, name) is not { } definition)
            {
                unknown.Add(name);
            }
            else if (name == "sub" || (!creating && definition.Mutable == false))
            {
                // AWS's words for sub (seen in a report of AdminCreateUser with sub among the attributes).
                throw new InvalidParameterException($"Cannot modify the non-mutable attribute {name}");
            }
        }

        if (unknown.Count > 0)
        {
            throw Nonconforming(unknown.Select(name => $"{name}: Attribute does not exist in the schema."));
        }
    }

    /// <summary>Refuses a new user that lacks an attribute the pool's schema requires.</summary>
    public static void RequireComplete(UserPool pool, List<UserAttribute> attributes)
    {
        var missing = PoolSchema.RequiredAttributes(pool).Where(name => !attributes.Exists(a => a.Name == name && a.Value.Length > 0)).ToList();
        if (missing.Count > 0)
        {
            throw Nonconforming(missing.Select(name => $"{name}: The attribute is required"));
        }
    }

    /// <summary>
    /// Sets the changed attributes on the user. A new email or phone number is not verified, so it clears its
    /// *_verified flag unless the same change sets the flag (issue 3; AWS's AdminUpdateUserAttributes documentation).
    /// </summary>
    public static void Apply(User user, List<UserAttribute> changes)
    {
        foreach (var change in changes)
        {
            if (VerifiedFlagOf(change.Name) is { } flag && user.GetAttribute(change.Name) != change.Value && !changes.Exists(c => c.Name == flag))
            {
                Set(user.Attributes, flag, "false");
            }

            Set(user.Attributes, change.Name, change.Value);
        }
    }

    /// <summary>Removes attributes; an email or phone number takes its *_verified flag with it.</summary>
    public static void Delete(User user, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            var flag = VerifiedFlagOf(name);
            user.Attributes.RemoveAll(a => a.Name == name || a.Name == flag);
        }
    }

    public static void Set(List<UserAttribute> attributes, string name, string value)
    {
        if (attributes.Find(a => a.Name == name) is { } existing)
        {
            existing.Value = value;
        }
        else
        {
            attributes.Add(new UserAttribute { Name = name, Value = value });
        }
    }

    /// <summary>
    /// In a pool with UsernameAttributes, which of them the name given as a username is: an email or a phone
    /// number, as the pool allows, worded as AWS refuses any other (seen in client code handling
    /// "Username should be an email.").
    /// </summary>
    public static string UsernameAttributeOf(UserPool pool, string name)
    {
        var email = pool.UsernameAttributes.Contains(UserLookup.Email);
        var phone = pool.UsernameAttributes.Contains(UserLookup.PhoneNumber);
        if (email && IsEmail(name))
        {
            return UserLookup.Email;
        }

        if (phone && IsPhoneNumber(name))
        {
            return UserLookup.PhoneNumber;
        }

        throw new InvalidParameterException((email, phone) switch
        {
            (true, true) => "Username should be either an email or a phone number.",
            (true, false) => "Username should be an email.",
            _ => "Username should be a phone number.",
        });
    }

    /// <summary>
    /// In a pool with an email (or phone number) alias, a username may not look like one, or it could shadow
    /// another user's alias (seen: "Username cannot be of email format, since user pool is configured for email
    /// alias."; the phone number wording follows it [decision]).
    /// </summary>
    public static void RefuseAliasFormat(UserPool pool, string username)
    {
        if (pool.AliasAttributes.Contains(UserLookup.Email) && IsEmail(username))
        {
            throw new InvalidParameterException("Username cannot be of email format, since user pool is configured for email alias.");
        }

        if (pool.AliasAttributes.Contains(UserLookup.PhoneNumber) && IsPhoneNumber(username))
        {
            throw new InvalidParameterException("Username cannot be of phone number format, since user pool is configured for phone number alias.");
        }
    }

    public static bool IsEmail(string value) => EmailPattern().IsMatch(value);

    public static bool IsPhoneNumber(string value) => PhoneNumberPattern().IsMatch(value);

    /// <summary>email_verified for email, phone_number_verified for phone_number, else null.</summary>
    public static string? VerifiedFlagOf(string name) => name switch
    {
        UserLookup.Email => StandardAttributes.EmailVerified,
        UserLookup.PhoneNumber => StandardAttributes.PhoneNumberVerified,
        _ => null,
    };

    private static string Checked(string name, string value)
    {
        switch (name)
        {
            // AWS's words for both (seen in client error handling).
            case UserLookup.Email when !IsEmail(value):
                throw new InvalidParameterException("Invalid email address format.");
            case UserLookup.PhoneNumber when !IsPhoneNumber(value):
                throw new InvalidParameterException("Invalid phone number format.");
            case StandardAttributes.EmailVerified or StandardAttributes.PhoneNumberVerified:
                return bool.TryParse(value, out var flag)
                    ? (flag ? "true" : "false")
                    : throw Nonconforming([$"{name}: The value must be true or false."]);
            default:
                return value;
        }
    }

    // AWS lists each failing attribute on its own line (seen: amplify-flutter#509).
    private static InvalidParameterException Nonconforming(IEnumerable<string> problems) =>
        new("Attributes did not conform to the schema: " + string.Concat(problems.Select(p => p + "\n")));

    [GeneratedRegex(@"\A[^@\s]+@[^@\s]+\.[^@\s]+\z")]
    private static partial Regex EmailPattern();

    /// <summary>E.164: a plus sign and up to 15 digits.</summary>
    [GeneratedRegex(@"\A\+[0-9]{1,15}\z")]
    private static partial Regex PhoneNumberPattern();
}
