using System.Diagnostics;
using System.Net;

namespace CognitoMock.Server.Tests;

/// <summary>docs/behaviour.md §8's strict mode, proven with the real AWS CLI v2 and boto3 signing their requests.</summary>
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

    [Fact]
    public async Task StrictMode_ARequestChangedAfterSigningOrSignedForAnotherScope_IsRefused_AndChangesNothing()
    {
        using var folder = new TempFolder();
        using var server = await StartStrictAsync(folder);

        var boto = await Boto3(server, Tampering + """
            print("signed by botocore:", outcome(lambda: client().admin_get_user(UserPoolId=POOL, Username="alice")))
            print("signed by hand, every header:", raw(OnlySigning(KEY, None), "AdminGetUser", DAVE))
            print("another body under the signed hash:", change_email(client(before_sign=declare(sha256), before_send=replace_body(BOB_TO_MALLORY)), "alice", "alice@example.com"))
            print("another body:", change_email(client(before_send=replace_body(BOB_TO_MALLORY)), "alice", "alice@example.com"))
            print("UNSIGNED-PAYLOAD, then another body:", change_email(client(before_sign=declare(lambda body: "UNSIGNED-PAYLOAD"), before_send=replace_body(BOB_TO_MALLORY)), "alice", "alice@example.com"))
            print("a signed hash of another body:", change_email(client(before_sign=declare(lambda body: sha256(b"another body"))), "alice", "eve@example.com"))
            print("a hash added after signing:", change_email(client(before_send=set_header("X-Amz-Content-SHA256", sha256(b"another body"))), "alice", "eve@example.com"))
            print("target changed after signing:", outcome(lambda: client(before_send=set_header("X-Amz-Target", TARGET + "AdminDeleteUser")).admin_get_user(**DAVE)))
            print("signed for us-west-2:", outcome(lambda: client("us-west-2").admin_delete_user(**DAVE)))
            print("signed for s3:", raw(SigV4Auth(KEY, "s3", "us-east-1"), "AdminDeleteUser", DAVE))
            print("only host signed, sent as AdminDeleteUser:", raw(OnlySigning(KEY, ["host"]), "AdminGetUser", DAVE, send_as="AdminDeleteUser"))
            print("target unsigned, sent as AdminDeleteUser:", raw(OnlySigning(KEY, ["host", "x-amz-date"]), "AdminGetUser", DAVE, send_as="AdminDeleteUser"))
            print("after:", email_of("alice"), email_of("bob"), outcome(lambda: client().admin_get_user(**DAVE)))
            """);

        const string Mismatch = "InvalidSignatureException [The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.]";
        const string PayloadHash = "InvalidSignatureException [The provided 'x-amz-content-sha256' header does not match what was computed.]";
        boto.Should().Be($"""
            signed by botocore: accepted
            signed by hand, every header: accepted
            another body under the signed hash: {PayloadHash}
            another body: {Mismatch}
            UNSIGNED-PAYLOAD, then another body: {PayloadHash}
            a signed hash of another body: {PayloadHash}
            a hash added after signing: {PayloadHash}
            target changed after signing: {Mismatch}
            signed for us-west-2: InvalidSignatureException [Credential should be scoped to a valid region, not 'us-west-2'. ]
            signed for s3: InvalidSignatureException [Credential should be scoped to correct service: 'cognito-idp'. ]
            only host signed, sent as AdminDeleteUser: InvalidSignatureException ['X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.]
            target unsigned, sent as AdminDeleteUser: InvalidSignatureException ['X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.]
            after: alice@example.com bob@example.com accepted

            """);

        const string GetDave = "cognito-idp admin-get-user --user-pool-id us-east-1_DemoAlias --username dave";
        (await Cli(server, "AKIDSTRICT", "strict-secret", GetDave + " --region us-east-1")).Output.Should().Contain("\"Username\": \"dave\"");
        (await Cli(server, "AKIDSTRICT", "strict-secret", GetDave + " --region us-west-2")).Output
            .Should().MatchRegex(@"An error occurred \(InvalidSignatureException\) when calling the AdminGetUser operation( \(reached max retries: 0\))?: Credential should be scoped to a valid region, not 'us-west-2'\. ");
    }

    /// <summary>
    /// What a tester does to a request botocore has signed: botocore's before-sign hook changes what gets signed,
    /// its before-send hook changes the request after signing, and SigV4Auth signs by hand for another scope or
    /// with fewer headers. Every outcome prints as "accepted" or "Code [message]", brackets showing the trailing space.
    /// </summary>
    private const string Tampering = """
        import hashlib, json, urllib.error, urllib.request
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.compat import HTTPHeaders
        from botocore.credentials import Credentials

        POOL = "us-east-1_DemoAlias"
        TARGET = "AWSCognitoIdentityProviderService."
        KEY = Credentials("AKIDSTRICT", "strict-secret")
        DAVE = {"UserPoolId": POOL, "Username": "dave"}
        BOB_TO_MALLORY = {"UserPoolId": POOL, "Username": "bob", "UserAttributes": [{"Name": "email", "Value": "mallory@example.com"}]}

        def client(region="us-east-1", before_sign=None, before_send=None):
            c = boto3.client("cognito-idp", region_name=region, endpoint_url=URL, aws_access_key_id=KEY.access_key, aws_secret_access_key=KEY.secret_key)
            if before_sign:
                c.meta.events.register("before-sign.cognito-idp.*", before_sign)
            if before_send:
                c.meta.events.register("before-send.cognito-idp.*", before_send)
            return c

        def outcome(call):
            try:
                call()
                return "accepted"
            except ClientError as e:
                return f'{e.response["Error"]["Code"]} [{e.response["Error"]["Message"]}]'

        def change_email(c, username, email):
            return outcome(lambda: c.admin_update_user_attributes(UserPoolId=POOL, Username=username, UserAttributes=[{"Name": "email", "Value": email}]))

        def email_of(username):
            return next(a["Value"] for a in client().admin_get_user(UserPoolId=POOL, Username=username)["UserAttributes"] if a["Name"] == "email")

        def sha256(data):
            return hashlib.sha256(data).hexdigest()

        # botocore signs an X-Amz-Content-SHA256 header it finds, and takes its value as the payload hash.
        def declare(value_of_body):
            def hook(request, **kwargs):
                request.headers["X-Amz-Content-SHA256"] = value_of_body(request.body)
            return hook

        def replace_body(payload):
            def hook(request, **kwargs):
                request.body = json.dumps(payload).encode()
                request.headers["Content-Length"] = str(len(request.body))
            return hook

        def set_header(name, value):
            def hook(request, **kwargs):
                request.headers[name] = value
            return hook

        class OnlySigning(SigV4Auth):
            def __init__(self, credentials, names):
                super().__init__(credentials, "cognito-idp", "us-east-1")
                self.names = names

            def headers_to_sign(self, request):
                every = super().headers_to_sign(request)
                kept = HTTPHeaders()
                for name in self.names or list(every.keys()):
                    kept[name] = every[name]
                return kept

        def raw(signer, operation, payload, send_as=None):
            request = AWSRequest(method="POST", url=URL, data=json.dumps(payload).encode(),
                headers={"X-Amz-Target": TARGET + operation, "Content-Type": "application/x-amz-json-1.1"})
            signer.add_auth(request)
            prepared = request.prepare()
            headers = dict(prepared.headers.items())
            if send_as:
                headers["X-Amz-Target"] = TARGET + send_as
            loopback = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            try:
                loopback.open(urllib.request.Request(prepared.url, data=prepared.body, headers=headers, method="POST"))
                return "accepted"
            except urllib.error.HTTPError as e:
                error = json.load(e)
                return f'{error["__type"]} [{error["message"]}]'

        """;

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
        foreach (var proxy in (string[])["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"])
        {
            start.Environment.Remove(proxy);
        }

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
