using System.Diagnostics;
using System.Net;

namespace CognitoMock.Server.Tests;

/// <summary>SEMANTICS §8's strict mode, proven with the real AWS CLI v2 and boto3 signing their requests.</summary>
public sealed class StrictAuthenticationTests
{
    private const string ListDave = "cognito-idp admin-list-devices --region us-east-1 --user-pool-id us-east-1_DemoAlias --username dave";

    [Fact]
    public async Task StrictMode_TheCliAndBoto3PassWithTheRightKeys_AndFailWithWrongOnes()
    {
        using var folder = new TempFolder();
        using var server = await StartStrictAsync(folder);

        (await Cli(server, "AKIDSTRICT", "strict-secret", ListDave)).Output.Should().Contain("\"Devices\": []");
        // botocore counts a signature error as possibly clock skew, so the CLI names its (here, no) retries.
        (await Cli(server, "AKIDSTRICT", "wrong-secret", ListDave)).Output
            .Should().MatchRegex(@"An error occurred \(InvalidSignatureException\) when calling the AdminListDevices operation( \(reached max retries: 0\))?: The request signature we calculated does not match the signature you provided\.");
        (await Cli(server, "AKIDUNKNOWN", "strict-secret", ListDave)).Output
            .Should().MatchRegex(@"An error occurred \(UnrecognizedClientException\) when calling the AdminListDevices operation( \(reached max retries: 0\))?: The security token included in the request is invalid\.");

        var boto = await Boto3(server, """
            for key, secret in [("AKIDSTRICT", "strict-secret"), ("AKIDSTRICT", "wrong"), ("AKIDOTHER", "strict-secret")]:
                client = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=URL, aws_access_key_id=key, aws_secret_access_key=secret)
                try:
                    print("ok", len(client.admin_list_devices(UserPoolId="us-east-1_DemoAlias", Username="alice")["Devices"]))
                except ClientError as e:
                    print("error", e.response["Error"]["Code"])
            unsigned = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=URL, aws_access_key_id="AKIDOTHER", aws_secret_access_key="x")
            print("initiate", "AuthenticationResult" in unsigned.initiate_auth(ClientId="demoaliasweb00000000000001", AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd!"}))
            """);
        boto.Should().Be("ok 3\nerror InvalidSignatureException\nerror UnrecognizedClientException\ninitiate True\n");
    }

    [Fact]
    public async Task StrictMode_ARequestSignedMoreThanFifteenMinutesAway_IsRefused()
    {
        using var folder = new TempFolder();
        using var server = await StartStrictAsync(folder);

        (await server.PostAsync("/_mock/clock", """{"AdvanceSeconds": 1200}""")).Should().Be(HttpStatusCode.OK);

        (await Cli(server, "AKIDSTRICT", "strict-secret", ListDave)).Output
            .Should().MatchRegex(@"InvalidSignatureException\) when calling the AdminListDevices operation( \(reached max retries: 0\))?: Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)");
    }

    private static Task<ServerProcess> StartStrictAsync(TempFolder folder) => ServerProcess.StartAsync(folder.Path, new Dictionary<string, string>
    {
        ["CognitoMock__Authentication"] = "Strict",
        ["CognitoMock__Credentials__AKIDSTRICT"] = "strict-secret",
    }, "--port", "0", "--data", folder.File("strict.db"));

    private static Task<(int ExitCode, string Output)> Cli(ServerProcess server, string key, string secret, string arguments) =>
        Run("/usr/bin/aws", $"{arguments} --endpoint-url {server.Url}", new() { ["AWS_ACCESS_KEY_ID"] = key, ["AWS_SECRET_ACCESS_KEY"] = secret });

    private static async Task<string> Boto3(ServerProcess server, string script)
    {
        var program = $"import boto3\nfrom botocore.exceptions import ClientError\nURL = \"{server.Url}\"\n" + string.Join('\n', script.Split('\n').Select(l => l.TrimEnd()));
        var (exitCode, output) = await Run("/usr/bin/python3", "-c", [], program);
        exitCode.Should().Be(0, output);
        return output;
    }

    private static async Task<(int ExitCode, string Output)> Run(string program, string arguments, Dictionary<string, string> environment, string? script = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(argument);
        }

        if (script is not null)
        {
            start.ArgumentList.Add(script);
        }

        // Nothing from the machine's own AWS configuration, and nothing but loopback.
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await error);
    }
}
