using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CognitoMock.Server.Tests;

/// <summary>
/// Request bodies that Kestrel cannot read (malformed chunked encoding, a body that stops or arrives too slowly),
/// sent over a raw socket to the binary, since an HTTP client will not send them. Each is the client's error:
/// a 4xx with a JSON message (AWS-shaped on POST /), and nothing in the server's output but at most a line.
/// An AWS SDK retries a 500, so each one answered as a 500 would cost a client all of its retries.
/// </summary>
public sealed class BrokenBodyTests(BrokenBodyTests.Server server) : IClassFixture<BrokenBodyTests.Server>
{
    private const string Signature = "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00";

    public static TheoryData<string, string> BrokenChunks()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { "/", "/_mock/seed", "/_mock/faults", "/_mock/clock" })
        {
            data.Add(path, "zz\r\n{}\r\n0\r\n\r\n");               // a size that is not hex
            data.Add(path, "1\r\n{}\r\n0\r\n\r\n");                // a chunk longer than its size
            data.Add(path, "ffffffffffffffffff\r\n{}\r\n0\r\n\r\n"); // a size that overflows
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenChunks))]
    public async Task AMalformedChunkedBody_IsA4xxWithAMessage_AndNoStackTraceInTheOutput(string path, string chunks)
    {
        var (status, body) = await SendAsync(server.Process.Url, path, chunks, TimeSpan.Zero) ?? throw new InvalidOperationException("No answer.");

        AssertClientError(path, status, body);
        AssertQuiet(server.Process.Output);
        (await server.Process.PostAsync("/_mock/clock", """{"AdvanceSeconds": 0}""")).Should().Be(System.Net.HttpStatusCode.OK, "the server still serves");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/_mock/seed")]
    [InlineData("/_mock/faults")]
    [InlineData("/_mock/clock")]
    public async Task AChunkedBodyCutOffByTheClient_IsNoStackTraceInTheOutput(string path)
    {
        // The client ends its side of the connection before the last chunk. Kestrel takes that as the client
        // going away, so there is no one to answer; the request must still end quietly.
        var answer = await SendAsync(server.Process.Url, path, "2\r\n{}\r\n", TimeSpan.Zero, closeAfterBody: true);

        if (answer is var (status, body))
        {
            AssertClientError(path, status, body);
        }

        AssertQuiet(server.Process.Output);
        (await server.Process.PostAsync("/_mock/clock", """{"AdvanceSeconds": 0}""")).Should().Be(System.Net.HttpStatusCode.OK, "the server still serves");
    }

    [Fact]
    public async Task ABodyArrivingTooSlowly_IsA4xxWithAMessage_AndNoStackTraceInTheOutput()
    {
        // Kestrel's minimum rate is 240 bytes a second after a grace period of 5 seconds: one byte, then silence.
        var paths = new[] { "/", "/_mock/seed", "/_mock/faults", "/_mock/clock" };
        var answers = await Task.WhenAll(paths.Select(p => SendAsync(server.Process.Url, p, "{", TimeSpan.FromSeconds(15), contentLength: 1_000)));

        for (var i = 0; i < paths.Length; i++)
        {
            var (status, body) = answers[i] ?? throw new InvalidOperationException($"No answer from {paths[i]}.");
            AssertClientError(paths[i], status, body);
        }

        AssertQuiet(server.Process.Output);
    }

    /// <summary>One binary for every broken request of this class: what it logs about any of them shows in its output.</summary>
    public sealed class Server : IAsyncLifetime, IDisposable
    {
        private readonly TempFolder _folder = new();

        internal ServerProcess Process { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Process = await ServerProcess.StartAsync(_folder.Path, null, "--port", "0", "--data", _folder.File("broken.db"));

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose()
        {
            Process?.Dispose();
            _folder.Dispose();
        }
    }

    private static void AssertClientError(string path, int status, string body)
    {
        status.Should().BeInRange(400, 499, $"{path} answered {body}");
        var json = JsonNode.Parse(body)!.AsObject();
        if (path == "/")
        {
            json["__type"]!.GetValue<string>().Should().Be("SerializationException");
            json["message"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        }
        else
        {
            json["Message"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        }
    }

    private static void AssertQuiet(string output)
    {
        output.Should().NotContain("   at ", "a client's broken request is no stack trace in the server's log");
        output.Should().NotContain("fail:");
    }

    /// <summary>
    /// Sends the headers and then <paramref name="body"/> as it is: chunked, or with <paramref name="contentLength"/>
    /// and then nothing more for up to <paramref name="silence"/>. The answer's status and body, or null when the
    /// server closed the connection without one.
    /// </summary>
    private static async Task<(int Status, string Body)?> SendAsync(
        Uri server, string path, string body, TimeSpan silence, int? contentLength = null, bool closeAfterBody = false)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var framing = contentLength is { } length ? $"Content-Length: {length}" : "Transfer-Encoding: chunked";
        var request = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/x-amz-json-1.1\r\n" +
            $"X-Amz-Target: AWSCognitoIdentityProviderService.ListUserPools\r\nAuthorization: {Signature}\r\n{framing}\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        if (closeAfterBody)
        {
            tcp.Client.Shutdown(SocketShutdown.Send);
        }

        using var read = new CancellationTokenSource(silence + TimeSpan.FromSeconds(20));
        var response = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, read.Token)) > 0)
            {
                response.Write(buffer, 0, n);
                if (Parse(response.ToArray(), ended: false) is { } answer)
                {
                    return answer;
                }
            }
        }
        catch (IOException) when (response.Length == 0)
        {
            return null; // reset by the server, unanswered
        }

        return response.Length == 0 ? null : Parse(response.ToArray(), ended: true);
    }

    /// <summary>A whole HTTP/1.1 answer (by Content-Length, chunked, or to the connection's end), or null while more of it is to come.</summary>
    private static (int Status, string Body)? Parse(byte[] bytes, bool ended)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var rest = text[(end + 4)..];
        if (headers.TryGetValue("Content-Length", out var length))
        {
            var size = int.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
            return rest.Length >= size ? (status, rest[..size]) : null;
        }

        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = new StringBuilder();
            while (true)
            {
                var line = rest.IndexOf("\r\n", StringComparison.Ordinal);
                if (line < 0)
                {
                    return null;
                }

                var size = Convert.ToInt32(rest[..line].Split(';')[0], 16);
                if (size == 0)
                {
                    return (status, decoded.ToString());
                }

                if (rest.Length < line + 2 + size + 2)
                {
                    return null;
                }

                decoded.Append(rest, line + 2, size);
                rest = rest[(line + 2 + size + 2)..];
            }
        }

        return ended ? (status, rest) : null;
    }
}
