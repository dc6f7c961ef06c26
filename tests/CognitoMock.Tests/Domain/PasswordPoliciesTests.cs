using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Randomness;

namespace CognitoMock.Tests.Domain;

public sealed class PasswordPoliciesTests
{
    [Theory]
    [InlineData("Passw0rd!", null)]
    [InlineData("Pa0!", "Password not long enough")]
    [InlineData("PASSW0RD!", "Password must have lowercase characters")]
    [InlineData("passw0rd!", "Password must have uppercase characters")]
    [InlineData("Password!", "Password must have numeric characters")]
    [InlineData("Passw0rdd", "Password must have symbol characters")]
    [InlineData("short", "Password not long enough")]
    [InlineData("nouppercaseordigit", "Password must have uppercase characters")]
    [InlineData("Pässw0rd!", null)]
    [InlineData("ÄÖÜpassw0rd!", "Password must have uppercase characters")]
    public void TheDefaultPolicy_NamesTheFirstRuleBrokenInModelOrder(string password, string? violation)
    {
        PasswordPolicies.Violation(PasswordPolicies.Default, password).Should().Be(violation);
    }

    [Theory]
    [InlineData("^"), InlineData("$"), InlineData("*"), InlineData("."), InlineData("["), InlineData("]"), InlineData("{"), InlineData("}")]
    [InlineData("("), InlineData(")"), InlineData("?"), InlineData("\""), InlineData("!"), InlineData("@"), InlineData("#"), InlineData("%")]
    [InlineData("&"), InlineData("/"), InlineData("\\"), InlineData(","), InlineData(">"), InlineData("<"), InlineData("'"), InlineData(":")]
    [InlineData(";"), InlineData("|"), InlineData("_"), InlineData("~"), InlineData("`"), InlineData("="), InlineData("+"), InlineData("-")]
    public void EverySpecialCharacterAwsListsCountsAsASymbol(string symbol)
    {
        PasswordPolicies.Violation(PasswordPolicies.Default, "Passw0rd" + symbol).Should().BeNull();
    }

    [Fact]
    public void APolicyRequiresOnlyWhatItSays_AndAMissingMinimumLengthIsEight()
    {
        var lengthOnly = new PasswordPolicy { MinimumLength = 6 };
        var numbersOnly = new PasswordPolicy { RequireNumbers = true };

        PasswordPolicies.Violation(lengthOnly, "simple").Should().BeNull();
        PasswordPolicies.Violation(lengthOnly, "short").Should().Be("Password not long enough");
        PasswordPolicies.Violation(numbersOnly, "seven77").Should().Be("Password not long enough");
        PasswordPolicies.Violation(numbersOnly, "eight888").Should().BeNull();
    }

    [Fact]
    public void Enforce_RefusesWithInvalidPasswordInAwsWords()
    {
        var pool = new UserPool();

        var act = () => PasswordPolicies.Enforce(pool, "Passw0rd");

        act.Should().Throw<InvalidPasswordException>().WithMessage("Password did not conform with policy: Password must have symbol characters");
    }

    [Theory]
    [InlineData(6)]
    [InlineData(12)]
    [InlineData(40)]
    public void Generate_MakesPasswordsTheStrictestPolicyOfThatLengthAccepts(int minimumLength)
    {
        var policy = PasswordPolicies.Default with { MinimumLength = minimumLength };
        var random = new SeededRandomness(minimumLength);

        var passwords = Enumerable.Range(0, 200).Select(_ => PasswordPolicies.Generate(policy, random)).ToList();

        passwords.Should().OnlyContain(p => PasswordPolicies.Violation(policy, p) == null && p.Length == Math.Max(minimumLength, 12) && !p.Contains(' ', StringComparison.Ordinal));
        passwords.Should().OnlyHaveUniqueItems();
    }
}
