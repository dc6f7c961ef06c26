using System.Diagnostics;
using System.Globalization;
using System.Text;
using CognitoMock.Testing;

namespace CognitoMock.Benchmarks;

/// <summary>
/// How long an in-process fixture takes to be ready: from <see cref="InProcessCognitoMock.Start"/> to the
/// answer of its first request (ListUserPools), for fixtures started one after another in one process, the
/// way a test run starts one per test class. The first pays for loading and JIT-compiling the app, once per
/// test process; the ones after it are what every further test class waits for. Prints one line the load
/// harness reads: STARTUP &lt;first ms&gt; &lt;median ms of the rest&gt; &lt;min&gt; &lt;max&gt; &lt;count&gt;.
/// </summary>
internal static class StartupTimes
{
    public static async Task<int> RunAsync(int count)
    {
        if (count < 2)
        {
            await Console.Error.WriteLineAsync("startup needs a count of at least 2: the first start is reported apart.");
            return 2;
        }

        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var mock = InProcessCognitoMock.Start();
            using var http = mock.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("""{"MaxResults":10}""", Encoding.UTF8) };
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService.ListUserPools");
            request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20261126/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var rest = times.Skip(1).Order().ToList();
        var median = rest.Count % 2 == 1 ? rest[rest.Count / 2] : (rest[(rest.Count / 2) - 1] + rest[rest.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STARTUP {times[0]:F1} {median:F1} {rest[0]:F1} {rest[^1]:F1} {count}"));
        return 0;
    }
}
