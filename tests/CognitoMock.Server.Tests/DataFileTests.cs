using System.Net;
using System.Text;

namespace CognitoMock.Server.Tests;

// What is in the data file, and who can open it: `--check`, LiteDB's password option, and passwords at rest.
public sealed class DataFileTests
{
    private const string Password = "Kept-Secret-4711";

    private const string Seed = $$"""
        { "UserPools": [ { "Id": "us-east-1_AtRest1", "Name": "at-rest",
          "Users": [ { "Username": "kim", "Password": "{{Password}}",
            "Devices": [ { "DeviceKey": "us-east-1_0000cccc-0000-4000-8000-000000000001", "DeviceName": "kims-laptop" } ] } ] } ] }
        """;

    [Fact]
    public async Task Check_CountsWhatAKilledServerLeft_AndFindsEveryInvariantHolding()
    {
        using var folder = new TempFolder();
        var data = folder.File("state.db");
        using (var server = await StartAsync(folder, data))
        {
            (await server.CallAsync("AdminCreateUser", """{"UserPoolId":"us-east-1_AtRest1","Username":"lee"}""")).Status.Should().Be(HttpStatusCode.OK);
        }

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--check", "--data", data);

        exitCode.Should().Be(0, output);
        output.Should().Contain($"{data}: 1 pools, 0 app clients, 2 users, 1 devices; every invariant holds.");
    }

    [Fact]
    public async Task Check_OfAFileInUse_FailsNamingTheFile()
    {
        using var folder = new TempFolder();
        var data = folder.File("state.db");
        using var server = await StartAsync(folder, data);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--check", "--data", data);

        exitCode.Should().Be(2);
        output.Should().Contain($"The data file {data} is in use by another CognitoMock process.");
    }

    [Fact]
    public async Task Check_OfNoFile_SaysSo_AndMakesNone()
    {
        using var folder = new TempFolder();
        var data = folder.File("missing.db");

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--check", "--data", data);

        exitCode.Should().Be(2);
        output.Should().Contain($"there is no data file at {data}.");
        File.Exists(data).Should().BeFalse();
    }

    [Fact]
    public async Task APlainFile_HoldsTheNames_ButNeverThePassword()
    {
        using var folder = new TempFolder();
        var data = folder.File("plain.db");
        using (await StartAsync(folder, data))
        {
        }

        var bytes = await FileBytes(data);

        Contains(bytes, "kims-laptop").Should().BeTrue("a file without a password is plain LiteDB");
        Contains(bytes, Password).Should().BeFalse("passwords are kept only as salted hashes and SRP verifiers");
    }

    [Fact]
    public async Task WithADataPassword_TheFileIsEncrypted_AndOpensOnlyWithThatPassword()
    {
        using var folder = new TempFolder();
        var data = folder.File("secret.db");
        var withPassword = new Dictionary<string, string> { ["CognitoMock__DataPassword"] = "file-password" };
        using (var server = await StartAsync(folder, data, withPassword))
        {
            (await server.CallAsync("AdminListDevices", """{"UserPoolId":"us-east-1_AtRest1","Username":"kim"}""")).Status.Should().Be(HttpStatusCode.OK);
        }

        var bytes = await FileBytes(data);
        Contains(bytes, "kims-laptop").Should().BeFalse();
        Contains(bytes, "us-east-1_AtRest1").Should().BeFalse();

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--port", "0", "--data", data);
        exitCode.Should().Be(2);
        output.Should().Contain($"The data file {data} cannot be opened: This data file is encrypted and needs a password to open");

        var wrong = new Dictionary<string, string> { ["CognitoMock__DataPassword"] = "not-it" };
        (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, wrong, "--check", "--data", data);
        exitCode.Should().Be(2);
        output.Should().Contain($"The data file {data} cannot be opened: Invalid password.");

        using var again = await StartAsync(folder, data, withPassword);
        var (status, body) = await again.CallAsync("AdminListDevices", """{"UserPoolId":"us-east-1_AtRest1","Username":"kim"}""");
        status.Should().Be(HttpStatusCode.OK);
        body.Should().Contain("kims-laptop");
    }

    private static async Task<ServerProcess> StartAsync(TempFolder folder, string data, Dictionary<string, string>? environment = null)
    {
        var seed = folder.File("seed.json");
        await File.WriteAllTextAsync(seed, Seed);
        return await ServerProcess.StartAsync(folder.Path, environment, "--port", "0", "--data", data, "--seed", seed);
    }

    /// <summary>The data file and LiteDB's log beside it (data-log.db), which holds what a killed server committed.</summary>
    private static async Task<byte[]> FileBytes(string data)
    {
        var log = Path.Combine(Path.GetDirectoryName(data)!, Path.GetFileNameWithoutExtension(data) + "-log" + Path.GetExtension(data));
        var bytes = await File.ReadAllBytesAsync(data);
        return File.Exists(log) ? [.. bytes, .. await File.ReadAllBytesAsync(log)] : bytes;
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
