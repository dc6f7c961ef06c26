using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography;
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
        output.Should().Contain($"The data file {data} cannot be opened: it is encrypted, and CognitoMock:DataPassword is not set.");

        var wrong = new Dictionary<string, string> { ["CognitoMock__DataPassword"] = "not-it" };
        (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, wrong, "--check", "--data", data);
        exitCode.Should().Be(2);
        output.Should().Contain($"The data file {data} cannot be opened: Invalid password.");

        using var again = await StartAsync(folder, data, withPassword);
        var (status, body) = await again.CallAsync("AdminListDevices", """{"UserPoolId":"us-east-1_AtRest1","Username":"kim"}""");
        status.Should().Be(HttpStatusCode.OK);
        body.Should().Contain("kims-laptop");
    }

    [Fact]
    public async Task ATextFileOfSixBytes_IsRefused_AndLeftAsItWas()
    {
        using var folder = new TempFolder();
        var data = folder.File("notes.db");
        await File.WriteAllTextAsync(data, "hello\n");

        await ShouldRefuseUntouchedAsync(folder, data, "is not a LiteDB file");
    }

    [Fact]
    public async Task ATextFileOfSeveralPages_IsRefused_AndLeftAsItWas()
    {
        using var folder = new TempFolder();
        var data = folder.File("notes.db");
        await File.WriteAllTextAsync(data, string.Concat(Enumerable.Repeat("not a database, just notes\n", 1000)));

        await ShouldRefuseUntouchedAsync(folder, data, "is not a LiteDB file");
    }

    [Fact]
    public async Task ARandomFile_IsRefused_AndLeftAsItWas()
    {
        using var folder = new TempFolder();
        var data = folder.File("random.db");
        var bytes = new byte[3 * 8192];
        new Random(4711).NextBytes(bytes);

        // Not 1, which marks an encrypted LiteDB file, whose refusal (no password) says something else.
        bytes[0] = 0x5a;
        await File.WriteAllBytesAsync(data, bytes);

        await ShouldRefuseUntouchedAsync(folder, data, "is not a LiteDB file");
    }

    [Fact]
    public async Task ADirectory_IsRefused_AndLeftAsItWas()
    {
        using var folder = new TempFolder();
        var data = folder.File("state.db");
        Directory.CreateDirectory(data);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--port", "0", "--data", data);

        ShouldBeOneLineRefusal(exitCode, output, data, "is a directory");
        (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--check", "--data", data);
        ShouldBeOneLineRefusal(exitCode, output, data, "is a directory");
        Directory.EnumerateFileSystemEntries(data).Should().BeEmpty();
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task AFileThisProcessMayNotWrite_IsRefused_AndLeftAsItWas()
    {
        using var folder = new TempFolder();
        var data = await KilledServerFileAsync(folder);
        using var unwritable = Unwritable.Make(data);

        await ShouldRefuseUntouchedAsync(folder, data, "cannot be opened for reading and writing");
    }

    [Fact]
    public async Task ALinkToATextFile_IsRefused_AndTheLinkAndItsTargetAreLeftAsTheyWere()
    {
        using var folder = new TempFolder();
        var target = folder.File("notes.txt");
        await File.WriteAllTextAsync(target, string.Concat(Enumerable.Repeat("not a database, just notes\n", 1000)));
        var data = folder.File("state.db");
        File.CreateSymbolicLink(data, target);
        var before = Fingerprint(target);

        await ShouldRefuseUntouchedAsync(folder, data, $"it links to {target}, which is not a LiteDB file");

        new FileInfo(data).LinkTarget.Should().Be(target);
        Fingerprint(target).Should().Be(before);
    }

    [Fact]
    public async Task ALinkToADirectory_IsRefused()
    {
        using var folder = new TempFolder();
        var target = folder.File("somewhere");
        Directory.CreateDirectory(target);
        var data = folder.File("state.db");
        File.CreateSymbolicLink(data, target);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--port", "0", "--data", data);

        ShouldBeOneLineRefusal(exitCode, output, data, $"it links to {target}, which is a directory");
        Directory.EnumerateFileSystemEntries(target).Should().BeEmpty();
    }

    [Fact]
    public async Task ALiteDbFileCutToItsHeaderPage_IsRefused_AndLeftAsItWas()
    {
        using var folder = new TempFolder();
        var data = await FoldedFileAsync(folder);
        await CutAsync(data, 8192);

        await ShouldRefuseUntouchedAsync(folder, data, "is not a whole LiteDB file (its header counts");
    }

    [Fact]
    public async Task ALiteDbFileCutMidPage_IsRefused_AndLeftAsItWas()
    {
        using var folder = new TempFolder();
        var data = await FoldedFileAsync(folder);
        await CutAsync(data, 20_000);

        await ShouldRefuseUntouchedAsync(folder, data, "is not a whole LiteDB file (20000 bytes");
    }

    [Fact]
    public async Task ALiteDbFileOfAnotherFormatVersion_IsRefused_AndLeftAsItWas()
    {
        using var folder = new TempFolder();
        var data = await FoldedFileAsync(folder);
        var bytes = await File.ReadAllBytesAsync(data);
        bytes[59] = 7;
        await File.WriteAllBytesAsync(data, bytes);

        await ShouldRefuseUntouchedAsync(folder, data, "format version 7");
    }

    [Fact]
    public async Task AnEncryptedFileCutShort_IsRefused_AndLeftAsItWas()
    {
        using var folder = new TempFolder();
        var withPassword = new Dictionary<string, string> { ["CognitoMock__DataPassword"] = "file-password" };
        var data = await FoldedFileAsync(folder, withPassword);
        await CutAsync(data, 2 * 8192);

        await ShouldRefuseUntouchedAsync(folder, data, "is not a whole LiteDB file (its header counts", withPassword);
    }

    [Fact]
    public async Task AnEncryptedFile_WithTheWrongPassword_OrNone_IsRefused_AndLeftAsItWas()
    {
        using var folder = new TempFolder();
        var data = await FoldedFileAsync(folder, new Dictionary<string, string> { ["CognitoMock__DataPassword"] = "file-password" });
        var wrong = new Dictionary<string, string> { ["CognitoMock__DataPassword"] = "not-it" };

        await ShouldRefuseUntouchedAsync(folder, data, "cannot be opened: Invalid password", wrong);
        await ShouldRefuseUntouchedAsync(folder, data, "cannot be opened: it is encrypted, and CognitoMock:DataPassword is not set.");
    }

    [Fact]
    public async Task APlainFile_WithADataPassword_IsRefused_AndLeftAsItWas()
    {
        using var folder = new TempFolder();
        var data = await FoldedFileAsync(folder);
        var withPassword = new Dictionary<string, string> { ["CognitoMock__DataPassword"] = "file-password" };

        await ShouldRefuseUntouchedAsync(folder, data, "cannot be opened: File is not encrypted", withPassword);
    }

    [Fact]
    public async Task ATextLogBesideAGoodFile_IsRefused_AndBothAreLeftAsTheyWere()
    {
        using var folder = new TempFolder();
        var data = await FoldedFileAsync(folder);
        var log = folder.File("state-log.db");
        await File.WriteAllTextAsync(log, string.Concat(Enumerable.Repeat("not a log, just notes\n", 1000)));
        var logBefore = Fingerprint(log);

        await ShouldRefuseUntouchedAsync(folder, data, $"its log {log} is not a LiteDB log");

        Fingerprint(log).Should().Be(logBefore);
    }

    [Fact]
    public async Task ALogWithoutItsDataFile_IsRefused_AndNoDataFileIsMade()
    {
        using var folder = new TempFolder();
        var data = await KilledServerFileAsync(folder);
        var log = folder.File("state-log.db");
        File.Delete(data);
        var logBefore = Fingerprint(log);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--port", "0", "--data", data);

        ShouldBeOneLineRefusal(exitCode, output, data, $"is missing or empty, but its log {log} is not");
        File.Exists(data).Should().BeFalse();
        Fingerprint(log).Should().Be(logBefore);
    }

    [Fact]
    public async Task AnEmptyFile_IsMadeANewDataFile()
    {
        using var folder = new TempFolder();
        var data = folder.File("state.db");
        await File.WriteAllBytesAsync(data, []);

        using var server = await StartAsync(folder, data);

        (await server.CallAsync("AdminListDevices", """{"UserPoolId":"us-east-1_AtRest1","Username":"kim"}""")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Check_OfATextFile_RefusesIt_AndLeavesItAsItWas()
    {
        using var folder = new TempFolder();
        var data = folder.File("notes.db");
        await File.WriteAllTextAsync(data, string.Concat(Enumerable.Repeat("not a database, just notes\n", 1000)));
        var before = Fingerprint(data);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--check", "--data", data);

        ShouldBeOneLineRefusal(exitCode, output, data, "is not a LiteDB file");
        Fingerprint(data).Should().Be(before);
    }

    [Fact]
    public async Task Check_OfAnEmptyFile_SaysThereIsNoDataFile_AndLeavesItEmpty()
    {
        using var folder = new TempFolder();
        var data = folder.File("state.db");
        await File.WriteAllBytesAsync(data, []);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--check", "--data", data);

        exitCode.Should().Be(2, output);
        output.Should().Contain($"there is no data file at {data}.");
        new FileInfo(data).Length.Should().Be(0);
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

    /// <summary>The server and `--check` both refuse the file, exit 2 with one line that says why, and leave its bytes as they were.</summary>
    private static async Task ShouldRefuseUntouchedAsync(TempFolder folder, string data, string why, Dictionary<string, string>? environment = null)
    {
        var before = Fingerprint(data);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, environment, "--port", "0", "--data", data);
        ShouldBeOneLineRefusal(exitCode, output, data, why);
        Fingerprint(data).Should().Be(before, "a refused open must not write to the file");

        (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, environment, "--check", "--data", data);
        ShouldBeOneLineRefusal(exitCode, output, data, why);
        Fingerprint(data).Should().Be(before, "a refused check must not write to the file");
    }

    private static void ShouldBeOneLineRefusal(int exitCode, string output, string data, string why)
    {
        exitCode.Should().Be(2, output);
        output.TrimEnd('\n').Should().NotContain("\n", "the refusal is one line, with no stack trace");
        output.Should().StartWith($"cognito-mock: The data file {data} ").And.Contain(why).And.EndWith(".\n");
    }

    /// <summary>Length and SHA-256 of a file; a file LiteDB blew up to terabytes (sparse) is compared by length alone.</summary>
    private static string Fingerprint(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > 1L << 30)
        {
            return $"{length} bytes";
        }

        using var file = File.OpenRead(path);
        return $"{length} bytes, SHA-256 {Convert.ToHexString(SHA256.HashData(file))}";
    }

    /// <summary>The file a killed server leaves: its header page in the data file, and what it wrote in the log beside it.</summary>
    private static async Task<string> KilledServerFileAsync(TempFolder folder, Dictionary<string, string>? environment = null)
    {
        var data = folder.File("state.db");
        using (var server = await StartAsync(folder, data, environment))
        {
        }

        return data;
    }

    /// <summary>A data file whole, with no log: `--check` folds the log a killed server left into it.</summary>
    private static async Task<string> FoldedFileAsync(TempFolder folder, Dictionary<string, string>? environment = null)
    {
        var data = await KilledServerFileAsync(folder, environment);
        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, environment, "--check", "--data", data);
        exitCode.Should().Be(0, output);
        File.Exists(folder.File("state-log.db")).Should().BeFalse();
        new FileInfo(data).Length.Should().BeGreaterThan(2 * 8192);
        return data;
    }

    private static async Task CutAsync(string path, int length)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..length]);
    }

    /// <summary>
    /// A file this process may not open for writing: read-only, and, since root may write a read-only file, also
    /// immutable (chattr +i) when the tests run as root. Disposing makes it writable again, so the folder can go.
    /// </summary>
    [SupportedOSPlatform("linux")]
    private sealed class Unwritable : IDisposable
    {
        private readonly string _path;

        private Unwritable(string path) => _path = path;

        public static Unwritable Make(string path)
        {
            var unwritable = new Unwritable(path);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            if (Environment.IsPrivilegedProcess)
            {
                Chattr("+i", path);
            }

            var act = () => new FileStream(path, FileMode.Open, FileAccess.ReadWrite).Dispose();
            act.Should().Throw<UnauthorizedAccessException>("the test needs a file this process cannot write");
            return unwritable;
        }

        public void Dispose()
        {
            if (Environment.IsPrivilegedProcess)
            {
                Chattr("-i", _path);
            }

            File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        private static void Chattr(string change, string path)
        {
            using var chattr = Process.Start("chattr", [change, path]);
            chattr.WaitForExit();
            chattr.ExitCode.Should().Be(0, $"chattr {change} {path}");
        }
    }
}
