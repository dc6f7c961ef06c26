using CognitoMock.Domain;
using CognitoMock.Errors;

namespace CognitoMock.Tests.Domain;

public sealed class UserFilterTests
{
    [Theory]
    [InlineData("email = \"a@example.com\"", "email", false, "a@example.com")]
    [InlineData("email=\"a@example.com\"", "email", false, "a@example.com")]
    [InlineData("given_name ^= \"Jon\"", "given_name", true, "Jon")]
    [InlineData("\tfamily_name   ^=\"Reddy\"  ", "family_name", true, "Reddy")]
    [InlineData("name = \"say \\\"hi\\\"\"", "name", false, "say \"hi\"")]
    [InlineData("name = \"back\\\\slash\"", "name", false, "back\\slash")]
    [InlineData("name = \"\"", "name", false, "")]
    [InlineData("cognito:user_status = \"CONFIRMED\"", "cognito:user_status", false, "CONFIRMED")]
    public void Parse_ReadsTheAttributeTheMatchAndTheValue(string text, string attribute, bool prefix, string value)
    {
        UserFilter.Parse(text).Should().Be(new UserFilter(attribute, prefix, value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_OfNothing_IsNoFilter(string? text)
    {
        UserFilter.Parse(text).Should().BeNull();
    }

    [Theory]
    [InlineData("email")]
    [InlineData("= \"x\"")]
    [InlineData("email \"x\"")]
    [InlineData("email ^ \"x\"")]
    [InlineData("email != \"x\"")]
    [InlineData("email = x")]
    [InlineData("email = 'x'")]
    [InlineData("email = \"x")]
    [InlineData("email = \"x\\\"")]
    [InlineData("email = \"x\" and name = \"y\"")]
    [InlineData("e-mail = \"x\"")]
    public void Parse_OfSomethingElse_IsAwsParsingError(string text)
    {
        var act = () => UserFilter.Parse(text);

        act.Should().Throw<InvalidParameterException>().WithMessage("Error while parsing filter.");
    }

    [Theory]
    [InlineData("locale")]
    [InlineData("custom:plan")]
    [InlineData("email_verified")]
    [InlineData("Email")]
    public void Parse_OfAnAttributeThatIsNotSearchable_SaysWhichAre(string attribute)
    {
        var act = () => UserFilter.Parse($"{attribute} = \"x\"");

        act.Should().Throw<InvalidParameterException>().WithMessage($"The attribute {attribute} cannot be searched.*");
    }

    [Theory]
    [InlineData("username = \"Ann\"", true)]
    [InlineData("username = \"ann\"", false)]
    [InlineData("username ^= \"A\"", true)]
    [InlineData("email = \"ann@example.com\"", true)]
    [InlineData("email = \"ANN@example.com\"", false)]
    [InlineData("email ^= \"ann@\"", true)]
    [InlineData("phone_number = \"+1\"", false)]
    [InlineData("phone_number ^= \"+1\"", false)]
    [InlineData("cognito:user_status = \"confirmed\"", true)]
    [InlineData("cognito:user_status ^= \"CONF\"", true)]
    [InlineData("status = \"Enabled\"", true)]
    [InlineData("status = \"enabled\"", false)]
    [InlineData("status = \"Disabled\"", false)]
    [InlineData("sub = \"0000\"", false)]
    [InlineData("sub ^= \"5b0e\"", true)]
    public void Matches_ComparesOrdinally_ButUserStatusIgnoresCase(string filter, bool matches)
    {
        var user = new User
        {
            Username = "Ann",
            UserStatus = UserStatuses.Confirmed,
            Enabled = true,
            Attributes = [new() { Name = "sub", Value = "5b0e8a3c-1f2d-4e6a-9c7b-2d4f6a8b0c1e" }, new() { Name = "email", Value = "ann@example.com" }],
        };

        UserFilter.Parse(filter)!.Matches(user).Should().Be(matches);
    }
}
