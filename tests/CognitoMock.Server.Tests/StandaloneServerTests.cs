using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CognitoMock.Server.Tests;

public sealed partial class StandaloneServerTests
{
    private const string SmallSeed = """
        { "UserPools": [ { "Id": "us-east-1_Restart1", "Name": "restart",
          "Users": [ { "Username": "kim", "Devices": [ { "DeviceKey": "us-east-1_0000bbbb-0000-4000-8000-000000000001", "DeviceName": "kept" } ] } ] } ] }
        """;

    [Fact]
    public async Task TheState_SurvivesARestartOnTheSameFile_AndSeedsDoNotLoadTwice()
    {
        using var folder = new TempFolder();
        var seed = folder.File("small.json");
        await File.WriteAllTextAsync(seed, SmallSeed);
        var data = folder.File("state.db");

        using (var first = await ServerProcess.StartAsync(folder.Path, null, "--port", "0", "--data", data, "--seed", seed))
        {
            first.Output.Should().Contain("state: loaded 1 user pools, 1 users, 1 devices");
        }

        using var second = await ServerProcess.StartAsync(folder.Path, null, "--port", "0", "--data", data, "--seed", seed);
        var (status, body) = await second.CallAsync("AdminListDevices", """{"UserPoolId":"us-east-1_Restart1","Username":"kim"}""");

        status.Should().Be(HttpStatusCode.OK, body);
        JsonNode.Parse(body)!["Devices"]!.AsArray().Single()!["DeviceKey"]!.GetValue<string>().Should().Be("us-east-1_0000bbbb-0000-4000-8000-000000000001");
        second.Output.Should().Contain("state: kept from the data file");
    }

    [Fact]
    public async Task WithNoArguments_OnAnEmptyFolder_ItServesTheDemoData_AndThePrintedCallWorksAsPrinted()
    {
        using var folder = new TempFolder();

        // No arguments at all; only the port comes from the environment, so parallel runs cannot collide.
        using var server = await ServerProcess.StartAsync(folder.Path, new Dictionary<string, string> { ["CognitoMock__Port"] = "0" });

        server.Output.Should().Contain("us-east-1_DemoAlias").And.Contain("us-east-1_DemoEmail").And.Contain("us-east-1_DemoNoCase");
        File.Exists(Path.Combine(folder.Path, "data", "cognito-mock.db")).Should().BeTrue("the default data file lives under the working folder");
        var printed = PrintedCall().Match(server.Output);
        printed.Success.Should().BeTrue(server.Output);
        var (exitCode, output) = await Shell(printed.Groups[1].Value, folder.Path);
        exitCode.Should().Be(0, output);
        JsonNode.Parse(output)!["Devices"]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task ASecondServerOnAFileInUse_FailsAtOnceNamingTheFile_AndTheFirstKeepsItsState()
    {
        using var folder = new TempFolder();
        var seed = folder.File("small.json");
        await File.WriteAllTextAsync(seed, SmallSeed);
        var data = folder.File("shared.db");
        using var first = await ServerProcess.StartAsync(folder.Path, null, "--port", "0", "--data", data, "--seed", seed);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--port", "0", "--data", data, "--reset");

        exitCode.Should().Be(2);
        output.Should().Contain($"The data file {data} is in use by another CognitoMock process.");
        var (status, body) = await first.CallAsync("AdminListDevices", """{"UserPoolId":"us-east-1_Restart1","Username":"kim"}""");
        status.Should().Be(HttpStatusCode.OK, body);
    }

    [Fact]
    public async Task Generate_LoadsBogusData()
    {
        using var folder = new TempFolder();

        using var server = await ServerProcess.StartAsync(folder.Path, null, "--port", "0", "--data", folder.File("g.db"), "--generate", "pools=2,users=5,devices=2,seed=3");

        server.Output.Should().Contain("state: loaded 2 user pools, 10 users, 20 devices");
    }

    [Fact]
    public async Task TheSettings_AlsoComeFromEnvironmentVariables()
    {
        using var folder = new TempFolder();
        var seed = folder.File("small.json");
        await File.WriteAllTextAsync(seed, SmallSeed);
        var environment = new Dictionary<string, string>
        {
            ["CognitoMock__Port"] = "0",
            ["CognitoMock__Data"] = folder.File("env.db"),
            ["CognitoMock__Seed__0"] = seed,
        };

        using var server = await ServerProcess.StartAsync(folder.Path, environment);

        server.Output.Should().Contain("us-east-1_Restart1").And.Contain(folder.File("env.db"));
    }

    [Fact]
    public async Task ABadSeedFile_StopsTheServerWithTheFileAndPath()
    {
        using var folder = new TempFolder();
        var seed = folder.File("bad.json");
        await File.WriteAllTextAsync(seed, """{ "UserPools": [ { "Id": "us-east-1_Bad1", "Name": "bad", "Users": [ { "Username": "a", "Attributes": [ { "Name": "colour", "Value": "red" } ] } ] } ] }""");

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--port", "0", "--data", folder.File("bad.db"), "--seed", seed);

        exitCode.Should().NotBe(0);
        output.Should().Contain($"{seed}: $.UserPools[0].Users[0].Attributes[0]: unknown attribute 'colour'.");
    }

    [Theory]
    [InlineData("""{ "UserPools": null }""", "$.UserPools")]
    [InlineData("""{ "UserPools": [ null ] }""", "$.UserPools[0]")]
    [InlineData("""{ "UserPools": [ { "Id": "us-east-1_Null1", "Name": "n", "Clients": [ null ] } ] }""", "$.UserPools[0].Clients[0]")]
    [InlineData("""{ "UserPools": [ { "Id": "us-east-1_Null1", "Name": "n", "Users": [ { "Username": "a" }, null ] } ] }""", "$.UserPools[0].Users[1]")]
    [InlineData("""{ "UserPools": [ { "Id": "us-east-1_Null1", "Name": "n", "Users": [ { "Username": "a", "Devices": [ null ] } ] } ] }""", "$.UserPools[0].Users[0].Devices[0]")]
    [InlineData("""{ "UserPools": [ { "Id": "us-east-1_Null1", "Name": "n", "Users": [ { "Username": "a", "Attributes": [ null ] } ] } ] }""", "$.UserPools[0].Users[0].Attributes[0]")]
    public async Task ASeedFileWithANull_StopsTheServerWithExitCode2_TheFileAndPath_AndLoadsNothing(string json, string path)
    {
        using var folder = new TempFolder();
        var seed = folder.File("null.json");
        await File.WriteAllTextAsync(seed, json);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--port", "0", "--data", folder.File("null.db"), "--seed", seed);

        exitCode.Should().Be(2, output);
        output.Should().Contain($"{seed}: {path}: ").And.NotContain("   at ", "a bad seed is the user's error, not a crash");
        var (_, check) = await ServerProcess.RunToExitAsync(folder.Path, "--check", "--data", folder.File("null.db"));
        check.Should().Contain("0 pools, 0 app clients, 0 users, 0 devices");
    }

    [Fact]
    public async Task ABadGeneratorSpec_IsRefusedWithItsReason()
    {
        using var folder = new TempFolder();

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--port", "0", "--data", folder.File("x.db"), "--generate", "people=3");

        exitCode.Should().NotBe(0);
        output.Should().Contain("'people' is not one of pools, users, devices, seed, passwords.");
    }

    private static async Task<(int ExitCode, string Output)> Shell(string command, string folder)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        // The printed call names plain `aws`; AWS CLI v2 is /usr/bin/aws here, ahead of any older one on PATH.
        start.ArgumentList.Add("export PATH=/usr/bin:$PATH; " + command);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"^\s+(AWS_ACCESS_KEY_ID=.*aws cognito-idp admin-list-devices .*)$", RegexOptions.Multiline)]
    private static partial Regex PrintedCall();
}
