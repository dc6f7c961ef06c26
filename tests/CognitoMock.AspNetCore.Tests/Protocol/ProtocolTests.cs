using System.Net;
using CognitoMock.AspNetCore.Protocol;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Protocol;

/// <summary>docs/behaviour.md §1: the AWS JSON 1.1 wire protocol, for any operation.</summary>
public sealed class ProtocolTests(DemoMock demo) : IClassFixture<DemoMock>
{
    private const string Target = "AWSCognitoIdentityProviderService.AdminListDevices";
    private const string Invalid = "InvalidParameterException";

    private readonly Wire _wire = new(demo.Mock);

    [Fact]
    public async Task ASuccess_Is200WithTheJsonContentTypeAndARequestId()
    {
        var first = await _wire.CallAsync("AdminListDevices", new { UserPoolId = "us-east-1_DemoAlias", Username = "alice" });
        var second = await _wire.CallAsync("AdminListDevices", new { UserPoolId = "us-east-1_DemoAlias", Username = "alice" });

        first.ShouldBeOk();
        second.ShouldBeOk();
        first.RequestId.Should().NotBe(second.RequestId);
    }

    [Theory]
    [InlineData("{\"UserPoolId\": ")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    public async Task ABodyThatIsNotAJsonObject_IsASerializationException(string body)
    {
        var response = await _wire.SendAsync(Target, body);

        response.Status.Should().Be(HttpStatusCode.BadRequest);
        response.Json["__type"]!.GetValue<string>().Should().Be("SerializationException");
        response.Headers["x-amzn-ErrorType"].Should().Be("SerializationException:");
    }

    [Theory]
    [InlineData("{\"UserPoolId\":\"us-east-1_DemoAlias\",\"Username\":\"alice\",\"Limit\":\"5\"}", "STRING_VALUE can not be converted to an Integer")]
    [InlineData("{\"UserPoolId\":5,\"Username\":\"alice\"}", "NUMBER_VALUE can not be converted to a String")]
    [InlineData("{\"UserPoolId\":\"us-east-1_DemoAlias\",\"Username\":{\"a\":1}}", "Start of structure or map found where not expected.")]
    [InlineData("{\"UserPoolId\":\"us-east-1_DemoAlias\",\"Username\":[\"alice\"]}", "Start of list found where not expected.")]
    [InlineData("{\"UserPoolId\":\"us-east-1_DemoAlias\",\"Username\":\"alice\",\"Limit\":1.5}", "NUMBER_VALUE 1.5 can not be converted to an Integer")]
    [InlineData("{\"UserPoolId\":\"us-east-1_DemoAlias\",\"Username\":true}", "BOOLEAN_VALUE can not be converted to a String")]
    public async Task AMemberOfTheWrongJsonType_IsASerializationException(string body, string message)
    {
        var response = await _wire.SendAsync(Target, body);

        response.ShouldBeError("SerializationException", message);
    }

    [Fact]
    public async Task AnEmptyBody_IsAnEmptyObject_SoTheRequiredMembersAreMissing()
    {
        var response = await _wire.SendAsync(Target, "");

        response.ShouldBeError(Invalid,
            "2 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'username' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task ANullMember_CountsAsMissing()
    {
        var response = await _wire.SendAsync(Target, "{\"UserPoolId\":\"us-east-1_DemoAlias\",\"Username\":null}");

        response.ShouldBeError(Invalid, "1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task SeveralViolations_AreOneMessageInModelOrder_AndSensitiveValuesAreNotEchoed()
    {
        var response = await _wire.CallAsync("AdminListDevices", new { UserPoolId = "not a pool", Username = "", Limit = 61, PaginationToken = "has space" });

        response.ShouldBeError(Invalid,
            "5 validation errors detected: " +
            "Value 'not a pool' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+; " +
            "Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+; " +
            "Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
            "Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60; " +
            "Value 'has space' at 'paginationToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+");
    }

    [Fact]
    public async Task ATooLongUsername_NamesTheLimitWithoutTheValue()
    {
        var name = new string('x', 129);

        var response = await _wire.CallAsync("AdminListDevices", new { UserPoolId = "us-east-1_DemoAlias", Username = name });

        response.ShouldBeError(Invalid, "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128");
        response.Text.Should().NotContain(name);
    }

    [Theory]
    [InlineData("us-east-1_Ok", 56, "Member must have length less than or equal to 55")]
    [InlineData("us-east-1_ü", 0, "Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+")]
    [InlineData("ünicode_x", 0, "Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+")]
    public async Task ModelPatternsAndLengths_AreJavasAsciiWordRules(string prefix, int padTo, string constraint)
    {
        var poolId = padTo == 0 ? prefix : prefix + new string('a', padTo - prefix.Length);

        var response = await _wire.CallAsync("AdminListDevices", new { UserPoolId = poolId, Username = "alice" });

        response.ShouldBeError(Invalid, $"1 validation error detected: Value '{poolId}' at 'userPoolId' failed to satisfy constraint: {constraint}");
    }

    [Fact]
    public async Task ValidationComesBeforeAnyLookup_SoABadRequestRevealsNoPool()
    {
        var response = await _wire.CallAsync("AdminListDevices", new { UserPoolId = "us-east-1_Missing", Username = "alice", Limit = 99 });

        response.Json["__type"]!.GetValue<string>().Should().Be(Invalid);
    }

    [Fact]
    public async Task UnknownMembers_AreIgnored()
    {
        var response = await _wire.SendAsync(Target, "{\"UserPoolId\":\"us-east-1_DemoAlias\",\"Username\":\"dave\",\"Extra\":{\"deep\":[1,2]},\"limit\":\"x\"}");

        response.ShouldBeOk();
    }

    [Theory]
    [InlineData("AWSCognitoIdentityProviderService.NoSuchThing", "AWSCognitoIdentityProviderService.NoSuchThing is not an operation of AWSCognitoIdentityProviderService.")]
    [InlineData("DynamoDB_20120810.ListTables", "DynamoDB_20120810.ListTables is not an operation of AWSCognitoIdentityProviderService.")]
    [InlineData("AdminListDevices", "AdminListDevices is not an operation of AWSCognitoIdentityProviderService.")]
    public async Task AnUnknownTarget_IsUnknownOperationException(string target, string message)
    {
        var response = await _wire.SendAsync(target, "{}");

        response.ShouldBeError("UnknownOperationException", message);
    }

    [Theory]
    [InlineData("AWSCognitoIdentityProviderService.")]
    [InlineData("DynamoDB_20120810.")]
    [InlineData("")]
    public async Task AHugeUnknownTarget_IsEchoedOnlyInPart(string prefix)
    {
        var target = prefix + new string('x', 10 * 1024);

        var response = await _wire.SendAsync(target, "{}");

        var shown = target[..128] + "...";
        response.ShouldBeError("UnknownOperationException", $"{shown} is not an operation of AWSCognitoIdentityProviderService.");
    }

    [Fact]
    public async Task AMissingTarget_IsUnknownOperationException()
    {
        var response = await _wire.SendAsync(null, "{}");

        response.ShouldBeError("UnknownOperationException", "The request has no X-Amz-Target header.");
    }

    [Fact]
    public async Task AModelledOperationTheMockLacks_IsAClear4xxNamingIt()
    {
        var response = await _wire.SendAsync("AWSCognitoIdentityProviderService.DescribeRiskConfiguration", "{\"UserPoolId\":\"us-east-1_DemoAlias\"}");

        response.ShouldBeError("UnknownOperationException", "DescribeRiskConfiguration is a Cognito operation that CognitoMock does not implement yet.");
    }

    [Fact]
    public async Task ASignedOperationWithoutSigV4_IsMissingAuthenticationToken()
    {
        var response = await _wire.CallAsync("AdminListDevices", new { UserPoolId = "us-east-1_DemoAlias", Username = "alice" }, signed: false);

        response.ShouldBeError("MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    [Fact]
    public async Task OpenMode_AcceptsUnsignedRequests()
    {
        using var mock = InProcessCognitoMock.Start(s =>
        {
            s.Authentication = AuthenticationMode.Open;
            s.SeedFiles.Add(SeedFiles.Demo);
        });

        var response = await new Wire(mock).CallAsync("AdminListDevices", new { UserPoolId = "us-east-1_DemoAlias", Username = "alice" }, signed: false);

        response.ShouldBeOk();
    }

    [Fact]
    public async Task ABodyOverTheSizeCap_IsRefusedWithoutBeingRead()
    {
        using var mock = InProcessCognitoMock.Start(s => s.MaxRequestBodyBytes = 1000);
        var body = "{\"UserPoolId\":\"us-east-1_DemoAlias\",\"Username\":\"" + new string('a', 2000) + "\"}";

        var response = await new Wire(mock).SendAsync(Target, body);

        response.ShouldBeError("SerializationException", "The request body is larger than the limit of 1000 bytes.");
    }

    [Fact]
    public async Task ErrorHeaders_CarryOnlyPrintableAscii_WhileTheBodyKeepsTheMessage()
    {
        var response = await _wire.CallAsync("AdminListDevices", new { UserPoolId = "us-east-1_DemoAlias", Username = "alice", PaginationToken = "tökén" });

        response.Status.Should().Be(HttpStatusCode.BadRequest);
        response.Json["message"]!.GetValue<string>().Should().StartWith("Paging marker tökén is invalid");
        response.Headers["x-amzn-ErrorMessage"].Should().StartWith("Paging marker t?k?n is invalid");
    }
}
