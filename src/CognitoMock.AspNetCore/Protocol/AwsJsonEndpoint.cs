using System.Buffers;
using System.Text.Json;
using CognitoMock.AspNetCore.Faults;
using CognitoMock.AspNetCore.Model;
using CognitoMock.Errors;
using CognitoMock.Randomness;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CognitoMock.AspNetCore.Protocol;

/// <summary>
/// POST / in AWS JSON 1.1: finds the operation from X-Amz-Target, checks authentication, parses and
/// validates the body against the model, runs the operation, and writes its answer or its error.
/// Every answer carries an x-amzn-RequestId; no failure escapes as anything but an AWS error.
/// </summary>
internal sealed class AwsJsonEndpoint(CognitoBackend backend, CognitoMockSettings settings, FaultInjector faults, ILogger<AwsJsonEndpoint> logger)
{
    private readonly ServiceModel _model = ServiceModel.Cognito;

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = FastRandomness.Instance.Uuid();
        try
        {
            var (operation, handler) = Resolve(http.Request.Headers[AwsJson.TargetHeader].ToString());
            var (delay, fault) = faults.Decide(operation.Name);
            if (delay > TimeSpan.Zero)
            {
                // Latency is real time: a test's fake clock must not hold the response back.
                await Task.Delay(delay, TimeProvider.System, http.RequestAborted);
            }

            if (fault is not null)
            {
                throw fault;
            }

            var body = await ReadBodyAsync(http.Request, settings.MaxRequestBodyBytes, http.RequestAborted);
            Authenticate(operation, http.Request, body.Span);
            using var document = Parse(body);
            RequestValidator.Validate(operation.Input!, document.RootElement);
            var context = ContextOf(http.Request, requestId);
            var output = handler(backend, document.RootElement, context);
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = AwsJson.ContentType;
            http.Response.Headers[AwsJson.RequestIdHeader] = requestId;
            await http.Response.Body.WriteAsync(output, http.RequestAborted);
        }
        catch (CognitoException error)
        {
            await ErrorWriter.WriteAsync(http.Response, error, requestId);
        }
        catch (Exception failure) when (failure is not OperationCanceledException && !http.Response.HasStarted)
        {
            logger.LogError(failure, "Request {RequestId} failed", requestId);
            await ErrorWriter.WriteAsync(http.Response, new InternalErrorException("An internal error occurred."), requestId);
        }
    }

    private RequestContext ContextOf(HttpRequest request, string requestId)
    {
        var forwarded = settings.TrustForwardedFor ? request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim() : "";
        var userAgent = request.Headers["X-Amz-User-Agent"].ToString() is { Length: > 0 } amz ? amz : request.Headers.UserAgent.ToString();
        return new RequestContext(
            requestId,
            forwarded.Length > 0 ? forwarded : request.HttpContext.Connection.RemoteIpAddress?.ToString(),
            BaseUrlOf(request, settings),
            userAgent.Split(' ', 2)[0] is { Length: > 0 } product ? product[..Math.Min(product.Length, 255)] : null);
    }

    /// <summary>The URL a caller reached the mock at, which token issuers start with, unless configured.</summary>
    internal static string BaseUrlOf(HttpRequest request, CognitoMockSettings settings) =>
        settings.IssuerBaseUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}{request.PathBase}";

    private (OperationModel Operation, OperationHandler Handler) Resolve(string target)
    {
        var dot = target.IndexOf('.', StringComparison.Ordinal);
        if (target.Length == 0)
        {
            throw new UnknownOperationException($"The request has no {AwsJson.TargetHeader} header.");
        }

        var name = dot < 0 ? "" : target[(dot + 1)..];
        if (dot < 0 || target[..dot] != _model.TargetPrefix || !_model.Operations.TryGetValue(name, out var operation))
        {
            // Echoed in the body and in x-amzn-ErrorMessage: a header of any length must not come back whole.
            var shown = target.Length <= 128 ? target : target[..128] + "...";
            throw new UnknownOperationException($"{shown} is not an operation of {_model.TargetPrefix}.");
        }

        if (!Operations.Table.TryGetValue(name, out var handler))
        {
            throw new UnknownOperationException($"{name} is a Cognito operation that CognitoMock does not implement yet.");
        }

        return (operation, handler);
    }

    /// <summary>
    /// SigV4 where AWS requires it (docs/behaviour.md §8). The access-token operations are unsigned in the model; older
    /// SDKs sign them anyway, and either is accepted.
    /// </summary>
    private void Authenticate(OperationModel operation, HttpRequest request, ReadOnlySpan<byte> body)
    {
        if (!operation.RequiresSignature)
        {
            return;
        }

        switch (settings.Authentication)
        {
            case AuthenticationMode.Default when !request.Headers.Authorization.ToString().StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal):
                throw new MissingAuthenticationTokenException();
            case AuthenticationMode.Strict:
                SigV4.Verify(request, body, settings.Credentials, settings.Engine.Region, backend.Time.GetUtcNow());
                break;
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancel)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        using var body = new MemoryStream((int)(request.ContentLength ?? 256));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancel)) > 0)
            {
                if (body.Length + read > limit)
                {
                    throw TooLarge(limit);
                }

                body.Write(chunk, 0, read);
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            // Kestrel's account of a body the client broke: a bad chunk (an IOException when its size overflows),
            // one cut off, or one sent below the minimum rate. The client's error, so not a 500, which SDKs retry.
            throw new SerializationException($"The request body could not be read: {e.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return body.GetBuffer().AsMemory(0, (int)body.Length);
    }

    private static SerializationException TooLarge(long limit) =>
        new($"The request body is larger than the limit of {limit} bytes.");

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return JsonDocument.Parse("{}");
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new SerializationException($"The request body is not valid JSON: {e.Message}");
        }
    }
}
