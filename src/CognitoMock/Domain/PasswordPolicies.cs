using System.Buffers;
using CognitoMock.Errors;
using CognitoMock.Randomness;

namespace CognitoMock.Domain;

/// <summary>A pool's password policy: which passwords it accepts, and temporary passwords that it accepts.</summary>
public static class PasswordPolicies
{
    /// <summary>The special characters a policy's RequireSymbols asks for (AWS's documentation of password requirements).</summary>
    public const string Symbols = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    private const string Uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lowercase = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";

    private static readonly SearchValues<char> UppercaseChars = SearchValues.Create(Uppercase);
    private static readonly SearchValues<char> LowercaseChars = SearchValues.Create(Lowercase);
    private static readonly SearchValues<char> DigitChars = SearchValues.Create(Digits);
    private static readonly SearchValues<char> SymbolChars = SearchValues.Create(Symbols);

    /// <summary>AWS's default policy: 8 characters, each character class required, temporary passwords for 7 days.</summary>
    public static PasswordPolicy Default { get; } = new()
    {
        MinimumLength = 8,
        RequireUppercase = true,
        RequireLowercase = true,
        RequireNumbers = true,
        RequireSymbols = true,
        TemporaryPasswordValidityDays = 7,
    };

    public static PasswordPolicy Of(UserPool pool) => pool.Settings.Policies?.PasswordPolicy ?? Default;

    /// <summary>
    /// The first rule <paramref name="password"/> breaks, in the model's member order, worded as AWS words it
    /// (seen in client error handling: "Password not long enough", "Password must have uppercase characters"),
    /// or null when it conforms. A policy without MinimumLength asks for 8; a character class it does not
    /// mention is not required. Letters and digits are ASCII's.
    /// </summary>
    public static string? Violation(PasswordPolicy policy, string password)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < (policy.MinimumLength ?? 8))
        {
            return "Password not long enough";
        }

        if (policy.RequireUppercase == true && !password.AsSpan().ContainsAny(UppercaseChars))
        {
            return "Password must have uppercase characters";
        }

        if (policy.RequireLowercase == true && !password.AsSpan().ContainsAny(LowercaseChars))
        {
            return "Password must have lowercase characters";
        }

        if (policy.RequireNumbers == true && !password.AsSpan().ContainsAny(DigitChars))
        {
            return "Password must have numeric characters";
        }

        if (policy.RequireSymbols == true && !password.AsSpan().ContainsAny(SymbolChars))
        {
            return "Password must have symbol characters";
        }

        return null;
    }

    /// <summary>Refuses a password the pool's policy does not accept, with InvalidPasswordException naming the rule.</summary>
    public static void Enforce(UserPool pool, string password)
    {
        if (Violation(Of(pool), password) is { } violation)
        {
            throw new InvalidPasswordException($"Password did not conform with policy: {violation}");
        }
    }

    /// <summary>
    /// A random password the policy accepts, for AdminCreateUser without a TemporaryPassword: at least 12
    /// characters, with a character of every class.
    /// </summary>
    public static string Generate(PasswordPolicy policy, IRandomness random)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var length = Math.Max(policy.MinimumLength ?? 8, 12);
        // One of each class first, the rest from all of them, then shuffled so the classes sit anywhere.
        var classes = new[] { Uppercase, Lowercase, Digits, Symbols.Trim() };
        var all = string.Concat(classes);
        var bytes = random.Bytes(length * 2);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            var from = i < classes.Length ? classes[i] : all;
            chars[i] = from[bytes[i] % from.Length];
        }

        for (var i = length - 1; i > 0; i--)
        {
            var j = bytes[length + i] % (i + 1);
            (chars[i], chars[j]) = (chars[j], chars[i]);
        }

        return new string(chars);
    }
}
