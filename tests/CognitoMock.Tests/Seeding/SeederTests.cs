using System.Text;
using CognitoMock.Domain;
using CognitoMock.Seeding;

namespace CognitoMock.Tests.Seeding;

/// <summary>Seed files load all or nothing, and a bad one names its file and the JSON path at fault.</summary>
public sealed class SeederTests
{
    [Fact]
    public void TheDemoSeed_LoadsEveryPoolUserAndDevice()
    {
        using var test = new TestBackend();

        var summary = new Seeder(test.Backend).LoadFile(TestBackend.DemoSeed);

        summary.UserPoolIds.Should().Equal("us-east-1_DemoAlias", "us-east-1_DemoEmail", "us-east-1_DemoNoCase", "us-east-1_DemoMfa");
        summary.Users.Should().Be(10);
        summary.Devices.Should().Be(83);
        var bob = CognitoBackend.ResolveUser(test.Store, test.Store.GetPool("us-east-1_DemoAlias")!, "bob");
        test.Store.DevicesOf(bob.Id).Should().HaveCount(75);
    }

    [Fact]
    public void ADuplicateActiveAlias_NamesTheSecondUser_AndLoadsNothing()
    {
        var json = Pool("""
            "AliasAttributes": ["email"],
            "Users": [
              { "Username": "a", "Attributes": [{"Name":"email","Value":"same@example.com"},{"Name":"email_verified","Value":"true"}] },
              { "Username": "b", "Attributes": [{"Name":"email","Value":"same@example.com"},{"Name":"email_verified","Value":"true"}] }
            ]
            """);

        AssertRefused(json, "$.UserPools[0].Users[1]", "the email 'same@example.com' already belongs to another user of pool us-east-1_Seed1.");
    }

    [Fact]
    public void ADuplicateSub_NamesTheSecondUser_AndLoadsNothing()
    {
        var json = Pool("""
            "Users": [
              { "Username": "a", "Attributes": [{"Name":"sub","Value":"0a0a0a0a-0000-4000-8000-000000000001"}] },
              { "Username": "b", "Attributes": [{"Name":"sub","Value":"0a0a0a0a-0000-4000-8000-000000000001"}] }
            ]
            """);

        AssertRefused(json, "$.UserPools[0].Users[1]", "the sub '0a0a0a0a-0000-4000-8000-000000000001' already belongs to another user of pool us-east-1_Seed1.");
    }

    [Fact]
    public void AnUnverifiedDuplicateEmail_IsNoAlias_SoItLoads()
    {
        using var test = new TestBackend();
        var json = Pool("""
            "AliasAttributes": ["email"],
            "Users": [
              { "Username": "a", "Attributes": [{"Name":"email","Value":"same@example.com"},{"Name":"email_verified","Value":"true"}] },
              { "Username": "b", "Attributes": [{"Name":"email","Value":"same@example.com"},{"Name":"email_verified","Value":"false"}] }
            ]
            """);

        Load(test, json).Users.Should().Be(2);
    }

    [Fact]
    public void AnUnknownAttribute_NamesTheAttribute()
    {
        var json = Pool("""
            "Users": [ { "Username": "a", "Attributes": [{"Name":"email","Value":"a@example.com"},{"Name":"favourite_colour","Value":"blue"}] } ]
            """);

        AssertRefused(json, "$.UserPools[0].Users[0].Attributes[1]", "unknown attribute 'favourite_colour'.");
    }

    [Fact]
    public void ACustomAttribute_MustBeInThePoolsSchema()
    {
        using var test = new TestBackend();
        var json = Pool("""
            "Schema": [ { "Name": "tenant", "AttributeDataType": "String" } ],
            "Users": [ { "Username": "a", "Attributes": [{"Name":"custom:tenant","Value":"acme"}] } ]
            """);

        Load(test, json).Users.Should().Be(1);
        AssertRefused(Pool("""
            "Users": [ { "Username": "a", "Attributes": [{"Name":"custom:tenant","Value":"acme"}] } ]
            """), "$.UserPools[0].Users[0].Attributes[0]", "unknown attribute 'custom:tenant'.");
    }

    [Theory]
    [InlineData("\"MfaConfiguration\": \"SOMETIMES\"", "$.UserPools[0].MfaConfiguration[0]", "'SOMETIMES' is not one of OFF, ON, OPTIONAL.")]
    [InlineData("\"Schema\": [ { \"Name\": \"plan\", \"Required\": true } ]", "$.UserPools[0].Schema", "Required custom attributes are not supported currently.")]
    [InlineData("\"Clients\": [ { \"ClientName\": \"c\", \"AccessTokenValidity\": 2, \"TokenValidityUnits\": { \"AccessToken\": \"days\" } } ]",
        "$.UserPools[0].Clients[0]", "AccessTokenValidity must be between 5 minutes and 1 day in its TokenValidityUnits.")]
    public void ASettingTheApiWouldRefuse_IsRefusedWithItsPath(string body, string path, string problem)
    {
        AssertRefused(Pool(body), path, problem);
    }

    public static TheoryData<string, string> ValuesTheApiWouldRefuse => new()
    {
        { Pool("", name: new string('n', 129)), "$.UserPools[0].Name" },
        { Pool("", name: "slashes/are/not/allowed"), "$.UserPools[0].Name" },
        { Pool($$""" "Clients": [ { "ClientName": "{{new string('c', 129)}}" } ] """), "$.UserPools[0].Clients[0].ClientName" },
        { Pool(""" "Clients": [ { "ClientName": "web/app" } ] """), "$.UserPools[0].Clients[0].ClientName" },
        { Pool(""" "Clients": [ { "ClientName": "c", "ClientSecret": "tooshort" } ] """), "$.UserPools[0].Clients[0].ClientSecret" },
        { Pool($$""" "Users": [ { "Username": "a", "Password": "{{new string('p', 257)}}" } ] """), "$.UserPools[0].Users[0].Password" },
        { Pool(""" "Users": [ { "Username": "a", "Password": "has a space" } ] """), "$.UserPools[0].Users[0].Password" },
        { Pool($$""" "Users": [ { "Username": "a", "Devices": [ { "DeviceName": "{{new string('d', 1025)}}" } ] } ] """), "$.UserPools[0].Users[0].Devices[0].DeviceName" },
        { Pool(""" "Users": [ { "Username": "a", "Devices": [ { "DeviceName": "" } ] } ] """), "$.UserPools[0].Users[0].Devices[0].DeviceName" },
        { Pool($$""" "Users": [ { "Username": "a", "Devices": [ { "LastIpUsed": "{{new string('1', 2049)}}" } ] } ] """), "$.UserPools[0].Users[0].Devices[0].LastIpUsed" },
        { Pool($$""" "Users": [ { "Username": "a", "Devices": [ { "DeviceSdk": "{{new string('s', 2049)}}" } ] } ] """), "$.UserPools[0].Users[0].Devices[0].DeviceSdk" },
        { Pool($$""" "Users": [ { "Username": "a", "Devices": [ { "DeviceSecretVerifierConfig": { "PasswordVerifier": "{{new string('0', 131_073)}}", "Salt": "00" } } ] } ] """),
            "$.UserPools[0].Users[0].Devices[0].DeviceSecretVerifierConfig.PasswordVerifier" },
    };

    [Theory]
    [MemberData(nameof(ValuesTheApiWouldRefuse))]
    public void AValueTheModelRefusesTheApi_IsRefusedInASeed_AtItsPath(string json, string path)
    {
        AssertRefused(json, path, null);
    }

    [Fact]
    public void ALongValue_IsNotEchoedInTheError()
    {
        using var test = new TestBackend();
        var json = Pool("", name: new string('n', 10 * 1024 * 1024));

        var act = () => Load(test, json);

        act.Should().Throw<SeedException>().Which.Message.Length.Should().BeLessThan(300);
    }

    [Fact]
    public void PoolAndClientSettings_TakeAwsDefaultsWhereTheSeedIsSilent()
    {
        using var test = new TestBackend();

        Load(test, Pool("""
            "MfaConfiguration": "ON",
            "Clients": [ { "ClientId": "seedclient0000000000000001", "ClientName": "c", "RefreshTokenValidity": 7 } ]
            """));

        var pool = test.Store.GetPool("us-east-1_Seed1")!;
        pool.Settings.MfaConfiguration.Should().Be("ON");
        pool.Settings.Policies!.PasswordPolicy!.MinimumLength.Should().Be(8);
        var client = test.Store.GetClient("seedclient0000000000000001")!;
        client.ExplicitAuthFlows.Should().Equal("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");
        client.Settings.RefreshTokenValidity.Should().Be(7);
        client.Settings.EnableTokenRevocation.Should().BeTrue();
    }

    [Theory]
    [InlineData("not base64!", "c2FsdA==")]
    [InlineData("pbkdf2-sha256$1000$", "c2FsdA==")]
    [InlineData("pbkdf2-sha256$1000$aGFzaA==", "")]
    public void AStoredPasswordThatCannotBeChecked_IsRefusedAtLoad_NotAtSignIn(string hash, string salt)
    {
        var json = Pool($$"""
            "Users": [ { "Username": "a", "PasswordVerifier": { "Hash": "{{hash}}", "HashSalt": "{{salt}}", "SrpSalt": "0a", "Verifier": "0b" } } ]
            """);

        AssertRefused(json, "$.UserPools[0].Users[0].PasswordVerifier",
            "a PasswordVerifier is a Hash (as exported) and a base64 HashSalt, and a hex SrpSalt and Verifier.");
    }

    [Fact]
    public void ABadDeviceKey_NamesTheDevice()
    {
        var json = Pool("""
            "Users": [ { "Username": "a", "Devices": [ { "DeviceKey": "us-east-1_ok-but-not-hex!" } ] } ]
            """);

        AssertRefused(json, "$.UserPools[0].Users[0].Devices[0].DeviceKey", "'us-east-1_ok-but-not-hex!' is not a device key (region_uuid).");
    }

    [Fact]
    public void ADeviceKeyUsedTwice_NamesTheSecondDevice()
    {
        var json = Pool("""
            "Users": [
              { "Username": "a", "Devices": [ { "DeviceKey": "us-east-1_0000aaaa-0000-4000-8000-000000000001" } ] },
              { "Username": "b", "Devices": [ { "DeviceKey": "us-east-1_0000aaaa-0000-4000-8000-000000000001" } ] }
            ]
            """);

        AssertRefused(json, "$.UserPools[0].Users[1].Devices[0].DeviceKey", "the device key us-east-1_0000aaaa-0000-4000-8000-000000000001 is already in use.");
    }

    [Fact]
    public void DevicesUnderAUserThatCannotExist_AreRefusedWithThatUser()
    {
        var json = Pool("""
            "UsernameAttributes": ["email"],
            "Users": [ { "Attributes": [{"Name":"name","Value":"No Email"}], "Devices": [ { "DeviceName": "orphan" } ] } ]
            """);

        AssertRefused(json, "$.UserPools[0].Users[0].Attributes", "a user of this pool needs one of email.");
    }

    [Fact]
    public void UsernamesDifferingOnlyInCase_CollideInACaseInsensitivePool()
    {
        var json = Pool("""
            "UsernameConfiguration": { "CaseSensitive": false },
            "Users": [ { "Username": "Alice" }, { "Username": "ALICE" } ]
            """);

        AssertRefused(json, "$.UserPools[0].Users[1]", "the username 'ALICE' is taken in pool us-east-1_Seed1.");
    }

    [Fact]
    public void AMisspeltMember_IsRefusedWithItsPath()
    {
        var json = """{ "UserPools": [ { "Id": "us-east-1_Seed1", "Name": "x", "Users": [ { "Usrname": "a" } ] } ] }""";

        AssertRefused(json, "$.UserPools[0].Users[0].Usrname", null);
    }

    [Fact]
    public void MalformedJson_IsRefusedWithWhereItBroke()
    {
        AssertRefused("""{ "UserPools": [ { "Id": "us-east-1_Seed1", "Name": """, "$.UserPools[0].Name", null);
    }

    [Fact]
    public void APoolThatExists_IsRefused_AndTheFileLoadsNothing()
    {
        using var test = new TestBackend();
        Load(test, Pool("""  "Users": [ { "Username": "first" } ]  """));
        var second = """
            { "UserPools": [
              { "Id": "us-east-1_Other", "Name": "new", "Users": [ { "Username": "x" } ] },
              { "Id": "us-east-1_Seed1", "Name": "again" }
            ] }
            """;

        var act = () => Load(test, second);

        act.Should().Throw<SeedException>().Which.JsonPath.Should().Be("$.UserPools[1].Id");
        test.Store.GetPool("us-east-1_Other").Should().BeNull("a file with an error loads nothing");
        test.Store.AllPools().Select(p => p.Id).Should().Equal("us-east-1_Seed1");
    }

    [Fact]
    public void APassword_IsStoredOnlyAsAHashAndAVerifier_NeverInTheDataFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cognitomock-{Guid.NewGuid():N}.db");
        const string password = "Unmistakable-Passw0rd-For-This-Test";
        try
        {
            using (var test = new TestBackend(path))
            {
                Load(test, Pool($$"""  "Users": [ { "Username": "a", "Password": "{{password}}" } ]  """));
                var user = CognitoBackend.ResolveUser(test.Store, test.Store.GetPool("us-east-1_Seed1")!, "a");
                PasswordCredentials.Matches(user.Password!, password).Should().BeTrue();
                PasswordCredentials.Matches(user.Password!, password + "x").Should().BeFalse();
            }

            var bytes = File.ReadAllBytes(path);
            bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(password)).Should().Be(-1);
            bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(password)).Should().Be(-1);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Pool(string body, string name = "seed") =>
        $$"""{ "UserPools": [ { "Id": "us-east-1_Seed1", "Name": "{{name}}"{{(body.Trim().Length > 0 ? ", " + body : "")}} } ] }""";

    private static SeedSummary Load(TestBackend test, string json) =>
        new Seeder(test.Backend).LoadJson(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");

    private static void AssertRefused(string json, string path, string? problem)
    {
        using var test = new TestBackend();

        var act = () => Load(test, json);

        var error = act.Should().Throw<SeedException>().Which;
        error.File.Should().Be("test.json");
        error.JsonPath.Should().Be(path);
        if (problem is not null)
        {
            error.Problem.Should().Be(problem);
            error.Message.Should().Be($"test.json: {path}: {problem}");
        }

        test.Store.IsEmpty.Should().BeTrue("a seed with an error loads nothing");
    }
}
