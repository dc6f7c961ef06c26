using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;

namespace CognitoMock.Tests.Domain;

public sealed class UserAttributeRulesTests
{
    [Theory]
    [InlineData("a@example.com", true)]
    [InlineData("first.last+tag@sub.example.co.uk", true)]
    [InlineData("a@example", false)]
    [InlineData("@example.com", false)]
    [InlineData("a b@example.com", false)]
    [InlineData("a@@example.com", false)]
    public void IsEmail(string value, bool expected) => UserAttributeRules.IsEmail(value).Should().Be(expected);

    [Theory]
    [InlineData("+15555550100", true)]
    [InlineData("+441234567890", true)]
    [InlineData("15555550100", false)]
    [InlineData("+1 555 555 0100", false)]
    [InlineData("+1234567890123456", false)]
    public void IsPhoneNumber(string value, bool expected) => UserAttributeRules.IsPhoneNumber(value).Should().Be(expected);

    [Fact]
    public void Apply_ClearsTheFlagOfAChangedEmail_ButNotOfAnUnchangedOneOrOneVerifiedInTheSameChange()
    {
        var user = new User
        {
            Attributes =
            [
                new() { Name = "email", Value = "a@example.com" }, new() { Name = "email_verified", Value = "true" },
                new() { Name = "phone_number", Value = "+15555550100" }, new() { Name = "phone_number_verified", Value = "true" },
            ],
        };

        UserAttributeRules.Apply(user, [new() { Name = "email", Value = "b@example.com" }, new() { Name = "phone_number", Value = "+15555550100" }]);
        var afterChange = (user.GetAttribute("email_verified"), user.GetAttribute("phone_number_verified"));
        UserAttributeRules.Apply(user, [new() { Name = "email", Value = "c@example.com" }, new() { Name = "email_verified", Value = "true" }]);

        afterChange.Should().Be(("false", "true"));
        user.GetAttribute("email").Should().Be("c@example.com");
        user.GetAttribute("email_verified").Should().Be("true");
    }

    [Fact]
    public void Check_KeepsTheLastValueOfANameGivenTwice_AndWritesFlagsInLowerCase()
    {
        var attributes = UserAttributeRules.Check(
            new UserPool(),
            [new() { Name = "given_name", Value = "A" }, new() { Name = "email_verified", Value = "True" }, new() { Name = "given_name", Value = "B" }],
            creating: true);

        attributes.Select(a => (a.Name, a.Value)).Should().Equal(("email_verified", "true"), ("given_name", "B"));
    }

    [Fact]
    public void Check_ListsEveryAttributeTheSchemaLacks()
    {
        var act = () => UserAttributeRules.Check(new UserPool(), [new() { Name = "custom:a" }, new() { Name = "b" }], creating: true);

        act.Should().Throw<InvalidParameterException>().Which.Message.Should().Be(
            "Attributes did not conform to the schema: custom:a: Attribute does not exist in the schema.\nb: Attribute does not exist in the schema.\n");
    }

    [Fact]
    public void Check_AllowsAnImmutableCustomAttributeAtCreationOnly()
    {
        var pool = new UserPool { Schema = PoolSchema.Build([new SchemaAttribute { Name = "tenant", Mutable = false }]) };
        List<AttributeType> tenant = [new() { Name = "custom:tenant", Value = "acme" }];

        UserAttributeRules.Check(pool, tenant, creating: true).Should().ContainSingle();
        var act = () => UserAttributeRules.Check(pool, tenant, creating: false);
        act.Should().Throw<InvalidParameterException>().WithMessage("Cannot modify the non-mutable attribute custom:tenant");
    }
}
