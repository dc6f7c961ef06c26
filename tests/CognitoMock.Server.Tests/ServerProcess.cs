using System.Text.Json;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CognitoMock.Server.Tests;

/// <summary>The standalone binary, started as users start it, and stopped by its process ID.</summary>
internal sealed partial class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _url;

    private ServerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"The server exited with {process.ExitCode}:\n{Output}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The server's assembly, copied beside the tests by the project reference.</summary>
    public static string Binary => Path.Combine(AppContext.BaseDirectory, "cognito-mock.dll");

    public Uri Url { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var server = new ServerProcess(Process.Start(StartInfo(workingDirectory, environment, arguments))!);
        server._process.EnableRaisingEvents = true;
        var url = await server._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        server.Url = new Uri(url);
        return server;
    }

    /// <summary>Runs the binary to its end, for arguments it refuses or a command that exits.</summary>
    public static Task<(int ExitCode, string Output)> RunToExitAsync(string workingDirectory, params string[] arguments) =>
        RunToExitAsync(workingDirectory, null, arguments);

    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(workingDirectory, environment, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            // A binary that was expected to exit but serves instead must not outlive the test.
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    public async Task<(HttpStatusCode Status, string Body)> CallAsync(string operation, string json)
    {
        using var http = new HttpClient { BaseAddress = Url };
        return await CallAsync(http, operation, json);
    }

    /// <summary>An operation over a client of the caller's (its own connection), in the default mode's signed shape.</summary>
    public static Task<(HttpStatusCode Status, string Body)> CallAsync(HttpClient http, string operation, object input) =>
        CallAsync(http, operation, JsonSerializer.Serialize(input));

    private static async Task<(HttpStatusCode Status, string Body)> CallAsync(HttpClient http, string operation, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(json, Encoding.UTF8) };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00");
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpStatusCode> PostAsync(string path, string json)
    {
        using var http = new HttpClient { BaseAddress = Url };
        using var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Binary);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (Listening().Match(line) is { Success: true } match)
        {
            _url = match.Groups[1].Value;
        }

        // The banner that follows the listening line ends with this one.
        if (line == "Press Ctrl+C to stop." && _url is not null)
        {
            _listening.TrySetResult(_url);
        }
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
