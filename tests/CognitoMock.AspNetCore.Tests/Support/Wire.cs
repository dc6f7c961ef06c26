using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Support;

/// <summary>A raw AWS JSON 1.1 caller: what a test sends is exactly what goes on the wire.</summary>
internal sealed class Wire(InProcessCognitoMock mock)
{
    private readonly HttpClient _http = mock.CreateClient();

    /// <summary>An X-Forwarded-For header to send, as a proxy in front of the mock would.</summary>
    public string? ForwardedFor { get; set; }

    /// <summary>A User-Agent header to send, as an SDK sends its own.</summary>
    public string? UserAgent { get; set; }

    /// <summary>A SigV4-shaped header; in the default mode any credentials pass.</summary>
    public const string Signature = "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";

    public Task<WireResponse> CallAsync(string operation, object body, bool signed = true) =>
        SendAsync($"AWSCognitoIdentityProviderService.{operation}", JsonSerializer.Serialize(body), signed);

    public async Task<WireResponse> SendAsync(string? target, string body, bool signed = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Content.Headers.ContentType!.CharSet = null;
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        if (ForwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", ForwardedFor + ", 10.0.0.1");
        }

        if (UserAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        }

        if (signed)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Signature);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new WireResponse(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            text);
    }
}

internal sealed record WireResponse(HttpStatusCode Status, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Text)
{
    /// <summary>The body, parsed afresh on each read: change a copy, not this.</summary>
    public JsonObject Json => JsonNode.Parse(Text)!.AsObject();

    public string RequestId => Headers["x-amzn-RequestId"];

    /// <summary>Asserts the whole error as a client sees it: status, body and headers.</summary>
    public void ShouldBeError(string code, string message, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Status.Should().Be(status, Text);
        ContentType.Should().Be("application/x-amz-json-1.1");
        Json["__type"]!.GetValue<string>().Should().Be(code);
        Json["message"]!.GetValue<string>().Should().Be(message);
        Headers["x-amzn-ErrorType"].Should().Be(code + ":");
        // Headers carry printable ASCII only; anything else in the message shows as '?'.
        Headers["x-amzn-ErrorMessage"].Should().Be(new string([.. message.Select(c => c is >= ' ' and <= '~' ? c : '?')]));
        Guid.TryParse(RequestId, out _).Should().BeTrue();
    }

    public void ShouldBeOk()
    {
        Status.Should().Be(HttpStatusCode.OK, Text);
        ContentType.Should().Be("application/x-amz-json-1.1");
        Guid.TryParse(RequestId, out _).Should().BeTrue();
    }
}
