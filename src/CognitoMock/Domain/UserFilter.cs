using System.Text;
using CognitoMock.Errors;

namespace CognitoMock.Domain;

/// <summary>
/// A ListUsers Filter: <c>attribute = "value"</c> for an exact match or <c>attribute ^= "value"</c> for a prefix,
/// with a backslash escaping a quotation mark or a backslash in the value (the model's Filter documentation).
/// Only the attributes the documentation lists are searchable. Matching is ordinal, except cognito:user_status,
/// which the documentation calls case-insensitive; an alias never matches the username.
/// </summary>
public sealed record UserFilter(string Attribute, bool Prefix, string Value)
{
    public const string Username = "username";
    public const string Status = "status";
    public const string UserStatus = "cognito:user_status";
    public const string Sub = "sub";

    public static readonly IReadOnlyList<string> Searchable =
        [Username, "email", "phone_number", "name", "given_name", "family_name", "preferred_username", UserStatus, Status, Sub];

    /// <summary>The filter a Filter string states, or null for none (an empty string lists every user).</summary>
    public static UserFilter? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var reader = new Reader(text);
        reader.SkipSpaces();
        var attribute = reader.Name();
        reader.SkipSpaces();
        var prefix = reader.Operator();
        reader.SkipSpaces();
        var value = reader.Quoted();
        reader.SkipSpaces();
        reader.End();
        if (!Searchable.Contains(attribute))
        {
            throw new InvalidParameterException(
                $"The attribute {attribute} cannot be searched. The searchable attributes are {string.Join(", ", Searchable)}.");
        }

        return new UserFilter(attribute, prefix, value);
    }

    public bool Matches(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Attribute switch
        {
            Username => Compare(user.Username, StringComparison.Ordinal),
            Status => Compare(user.Enabled ? "Enabled" : "Disabled", StringComparison.Ordinal),
            UserStatus => Compare(user.UserStatus, StringComparison.OrdinalIgnoreCase),
            _ => user.GetAttribute(Attribute) is { } value && Compare(value, StringComparison.Ordinal),
        };
    }

    private bool Compare(string actual, StringComparison comparison) =>
        Prefix ? actual.StartsWith(Value, comparison) : string.Equals(actual, Value, comparison);

    private ref struct Reader(string text)
    {
        private int _at;

        public void SkipSpaces()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        public string Name()
        {
            var start = _at;
            while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] is '_' or ':'))
            {
                _at++;
            }

            return _at > start ? text[start.._at] : throw Malformed();
        }

        /// <summary>True for ^= (a prefix), false for =.</summary>
        public bool Operator()
        {
            if (Next('='))
            {
                return false;
            }

            return Next('^') && Next('=') ? true : throw Malformed();
        }

        public string Quoted()
        {
            if (!Next('"'))
            {
                throw Malformed();
            }

            var value = new StringBuilder();
            while (_at < text.Length && text[_at] != '"')
            {
                if (text[_at] == '\\')
                {
                    _at++;
                    if (_at == text.Length)
                    {
                        throw Malformed();
                    }
                }

                value.Append(text[_at++]);
            }

            return Next('"') ? value.ToString() : throw Malformed();
        }

        public readonly void End()
        {
            if (_at != text.Length)
            {
                throw Malformed();
            }
        }

        private bool Next(char expected)
        {
            if (_at < text.Length && text[_at] == expected)
            {
                _at++;
                return true;
            }

            return false;
        }

        // AWS's message for a filter it cannot read (seen: aws-sdk-php#1088).
        private static InvalidParameterException Malformed() => new("Error while parsing filter.");
    }
}
