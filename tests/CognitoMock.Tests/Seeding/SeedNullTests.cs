using System.Text;
using CognitoMock.Seeding;

namespace CognitoMock.Tests.Seeding;

/// <summary>
/// A null where a seed needs a value (an entry of a list, a member that is not optional) is the file's error at
/// its path, as every other bad entry is, whether the document comes from a file, from a stream read whole, or
/// from code; it must never reach the loader as a NullReferenceException.
/// </summary>
public sealed class SeedNullTests
{
    public static TheoryData<string, string> NullsInJson => new()
    {
        { """{ "UserPools": null }""", "$.UserPools" },
        { """{ "UserPools": [ null ] }""", "$.UserPools[0]" },
        { Pool(""" "Clients": [ null ] """), "$.UserPools[0].Clients[0]" },
        { Pool(""" "Users": [ { "Username": "a" }, null ] """), "$.UserPools[0].Users[1]" },
        { Pool(""" "Users": [ { "Username": "a", "Devices": [ null ] } ] """), "$.UserPools[0].Users[0].Devices[0]" },
        { Pool(""" "Users": [ { "Username": "a", "Attributes": [ null ] } ] """), "$.UserPools[0].Users[0].Attributes[0]" },
        { Pool(""" "Users": [ { "Username": "a", "Attributes": [ { "Name": null, "Value": "x" } ] } ] """), "$.UserPools[0].Users[0].Attributes[0].Name" },
        { Pool(""" "Users": [ { "Username": "a", "UserMFASettingList": [ null ] } ] """), "$.UserPools[0].Users[0].UserMFASettingList[0]" },
        { Pool(""" "Users": [ { "Username": "a", "PasswordVerifier": { "Hash": null, "HashSalt": "c2FsdA==", "SrpSalt": "0a", "Verifier": "0b" } } ] """),
            "$.UserPools[0].Users[0].PasswordVerifier.Hash" },
        { Pool(""" "AliasAttributes": [ null ] """), "$.UserPools[0].AliasAttributes[0]" },
        { Pool(""" "Schema": [ null ] """), "$.UserPools[0].Schema[0]" },
        { Pool(""" "AutoVerifiedAttributes": [ null ] """), "$.UserPools[0].AutoVerifiedAttributes[0]" },
        { Pool(""" "UserPoolTags": { "team": null } """), "$.UserPools[0].UserPoolTags.team" },
        { Pool(""" "Policies": { "SignInPolicy": { "AllowedFirstAuthFactors": [ null ] } } """), "$.UserPools[0].Policies.SignInPolicy.AllowedFirstAuthFactors[0]" },
        { Pool(""" "LambdaConfig": { "CustomSMSSender": { "LambdaVersion": null, "LambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:f" } } """),
            "$.UserPools[0].LambdaConfig.CustomSMSSender.LambdaVersion" },
        { Pool(""" "Clients": [ { "ClientName": "c", "ExplicitAuthFlows": [ null ] } ] """), "$.UserPools[0].Clients[0].ExplicitAuthFlows[0]" },
        { Pool(""" "Clients": [ { "ClientName": "c", "CallbackURLs": [ null ] } ] """), "$.UserPools[0].Clients[0].CallbackURLs[0]" },
        { Pool(""" "Clients": [ { "ClientName": "c", "ReadAttributes": [ null ] } ] """), "$.UserPools[0].Clients[0].ReadAttributes[0]" },
    };

    [Theory]
    [MemberData(nameof(NullsInJson))]
    public void ANullInAFile_IsRefusedAtItsPath_AndLoadsNothing(string json, string path)
    {
        AssertRefused(test => new Seeder(test.Backend).LoadJson(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json"), path);
    }

    [Theory]
    [MemberData(nameof(NullsInJson))]
    public void ANullInAStreamReadWhole_IsRefusedAtItsPath_AndLoadsNothing(string json, string path)
    {
        AssertRefused(test => new Seeder(test.Backend).LoadJson(new UnseekableStream(Encoding.UTF8.GetBytes(json)), "test.json"), path);
    }

    public static TheoryData<Func<SeedDocument>, string> NullsInCode => new()
    {
        { () => new SeedDocument { UserPools = null! }, "$.UserPools" },
        { () => new SeedDocument { UserPools = [null!] }, "$.UserPools[0]" },
        { () => Document(new SeedUserPool { Id = "us-east-1_Seed1", Name = "seed", Clients = [null!] }), "$.UserPools[0].Clients[0]" },
        { () => Document(new SeedUserPool { Id = "us-east-1_Seed1", Name = "seed", Users = [new SeedUser { Username = "a" }, null!] }), "$.UserPools[0].Users[1]" },
        { () => Document(new SeedUserPool { Id = "us-east-1_Seed1", Name = "seed", Users = [new SeedUser { Username = "a", Devices = [null!] }] }),
            "$.UserPools[0].Users[0].Devices[0]" },
        { () => Document(new SeedUserPool { Id = "us-east-1_Seed1", Name = "seed", Users = [new SeedUser { Username = "a", Attributes = [new SeedAttribute { Name = null! }] }] }),
            "$.UserPools[0].Users[0].Attributes[0].Name" },
    };

    [Theory]
    [MemberData(nameof(NullsInCode))]
    public void ANullInADocumentMadeInCode_IsRefusedAtItsPath_AndLoadsNothing(Func<SeedDocument> document, string path)
    {
        AssertRefused(test => new Seeder(test.Backend).Load(document(), "test.json"), path);
    }

    private static string Pool(string body) => $$"""{ "UserPools": [ { "Id": "us-east-1_Seed1", "Name": "seed", {{body}} } ] }""";

    private static SeedDocument Document(SeedUserPool pool) => new() { UserPools = [pool] };

    private static void AssertRefused(Func<TestBackend, SeedSummary> load, string path)
    {
        using var test = new TestBackend();

        var act = () => load(test);

        var error = act.Should().Throw<SeedException>().Which;
        error.Message.Should().StartWith($"test.json: {path}: ");
        error.Problem.Should().Contain("null");
        test.Store.IsEmpty.Should().BeTrue("a seed with an error loads nothing");
    }

    /// <summary>A stream the loader cannot seek in, as a network body is, so it reads the document whole.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
