using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using CognitoMock.AspNetCore.Faults;
using CognitoMock.Seeding;
using CognitoMock.Errors;
using CognitoMock.Messages;
using CognitoMock.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CognitoMock.AspNetCore.Admin;

/// <summary>
/// The mock's own endpoints, under a path no AWS operation uses: reset the state, load a seed document,
/// export the state as one, read or move the clock, read the messages sent and auth events' feedback tokens,
/// inject faults.
/// </summary>
internal static class AdminEndpoints
{
    private static ClockState ClockOf(CognitoBackend backend) =>
        new(backend.Time.GetUtcNow(), backend.Time is AdjustableClock clock ? clock.Offset.TotalSeconds : 0);

    public const string Prefix = "/_mock";

    /// <summary>
    /// A string comparison stops at the first differing character, so its time tells a caller how much of a
    /// guess was right. Both sides are hashed first: equal lengths let FixedTimeEquals compare them whole, and
    /// the time then tells nothing of the token's length either.
    /// </summary>
    private static bool IsExpected(string presented, byte[] expectedHash) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expectedHash);

    public static void Map(RouteGroupBuilder group, CognitoMockSettings settings)
    {
        if (settings.AdminToken is { } token)
        {
            var expected = SHA256.HashData(Encoding.UTF8.GetBytes("Bearer " + token));
            group.AddEndpointFilter(async (context, next) =>
                IsExpected(context.HttpContext.Request.Headers.Authorization.ToString(), expected)
                    ? await next(context)
                    : Results.Json(new AdminMessage($"The {Prefix} endpoints need the header Authorization: Bearer <AdminToken>."),
                        AdminJson.Default.AdminMessage, statusCode: StatusCodes.Status401Unauthorized));
        }

        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (AdminRefusal refusal)
            {
                return Results.Json(new AdminMessage(refusal.Message), AdminJson.Default.AdminMessage, statusCode: refusal.Status);
            }
        });

        group.MapPost("/reset", (CognitoBackend backend) =>
        {
            backend.Reset();
            return Results.Json(new AdminMessage("The state is empty."), AdminJson.Default.AdminMessage);
        });

        group.MapPost("/seed", async (HttpRequest request, Seeder seeder) =>
        {
            // Seeding is synchronous LiteDB work; the body is buffered first so no thread blocks on the network.
            using var body = await AdminBody.ReadAllAsync(request, long.MaxValue);
            try
            {
                return Results.Json(seeder.LoadJson(body, "request body"), AdminJson.Default.SeedSummary);
            }
            catch (SeedException e)
            {
                return Results.Json(new AdminMessage(e.Message), AdminJson.Default.AdminMessage, statusCode: StatusCodes.Status400BadRequest);
            }
        });

        // The standalone server's clock: read it, or move it to expire tokens and sessions without waiting.
        group.MapGet("/clock", (CognitoBackend backend) => Results.Json(ClockOf(backend), AdminJson.Default.ClockState));
        group.MapPost("/clock", async (HttpRequest request, CognitoBackend backend) =>
        {
            var change = await AdminBody.ReadAsync(request, settings.MaxRequestBodyBytes, AdminJson.Default.ClockChange, "a clock change");
            if (backend.Time is not AdjustableClock clock)
            {
                return Results.Json(new AdminMessage("This mock's clock is not adjustable here; an in-process mock's clock is its Clock property."),
                    AdminJson.Default.AdminMessage, statusCode: StatusCodes.Status409Conflict);
            }

            Move(clock, change);
            return Results.Json(ClockOf(backend), AdminJson.Default.ClockState);
        });

        // The messages the mock "sent" (it sends none): codes, links and temporary passwords for tests to read,
        // newest last; GET /sms is the SMS among them, in the shape it had before email was sent too.
        group.MapGet("/messages", (HttpRequest request, CognitoBackend backend) =>
        {
            var filter = Filter(request.Query, "messages", "userPoolId", "username", "deliveryMedium");
            return Results.Json(
                backend.Messages.For(filter["userPoolId"], filter["username"]).Where(m => filter["deliveryMedium"] is not { } medium || m.DeliveryMedium == medium).ToList(),
                AdminJson.Default.ListSentMessage);
        });
        group.MapDelete("/messages", (CognitoBackend backend) =>
        {
            backend.Messages.Clear();
            return Results.Json(new AdminMessage("The outbox is empty."), AdminJson.Default.AdminMessage);
        });
        group.MapGet("/sms", (HttpRequest request, CognitoBackend backend) =>
        {
            var filter = Filter(request.Query, "sms", "userPoolId", "username");
            return Results.Json(
                [.. backend.Messages.For(filter["userPoolId"], filter["username"])
                    .Where(m => m.DeliveryMedium == DeliveryMediums.Sms)
                    .Select(m => new SentSms(m.UserPoolId, m.Username, m.Destination, m.Code, m.SentAt))],
                AdminJson.Default.ListSentSms);
        });

        // A user's auth events with their feedback tokens, which AWS sends only in the links of its emails.
        group.MapGet("/auth-events", (HttpRequest request, CognitoBackend backend) =>
        {
            var filter = Filter(request.Query, "auth-events", "userPoolId", "username");
            if (filter["userPoolId"] is not { } userPoolId || filter["username"] is not { } username)
            {
                throw new AdminRefusal($"{Prefix}/auth-events needs both userPoolId and username.");
            }

            try
            {
                return Results.Json(
                    [.. backend.AuthEventsOf(userPoolId, username).Select(e => new AuthEventToken(e.EventId, e.EventType, e.CreationDate, e.EventResponse, e.FeedbackToken))],
                    AdminJson.Default.ListAuthEventToken);
            }
            catch (CognitoException e)
            {
                throw new AdminRefusal(e.Message, StatusCodes.Status404NotFound);
            }
        });

        // Faults for users' resilience tests: list, add one, or clear them.
        group.MapGet("/faults", (FaultInjector faults) => Results.Json(faults.Status.ToList(), AdminJson.Default.ListFaultRuleStatus));
        group.MapPost("/faults", async (HttpRequest request, FaultInjector faults) =>
        {
            var rule = await AdminBody.ReadAsync(request, settings.MaxRequestBodyBytes, AdminJson.Default.FaultRule, "a fault rule");
            try
            {
                faults.Add(rule);
            }
            catch (ArgumentException e)
            {
                throw new AdminRefusal(e.Message);
            }

            return Results.Json(faults.Status.ToList(), AdminJson.Default.ListFaultRuleStatus);
        });
        group.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.Json(new AdminMessage("No faults are set."), AdminJson.Default.AdminMessage);
        });

        group.MapGet("/export", (HttpContext http, CognitoBackend backend) => ExportAsync(http, backend.Store));
    }

    /// <summary>
    /// Streams a consistent snapshot of the state. LiteDB binds the snapshot's transaction to the thread that takes
    /// it, and a request may move between threads at every await, so the export is read and written on a thread of
    /// its own, into a pipe that the response drains. A client that stops reading ends it at its next write.
    /// </summary>
    private static async Task ExportAsync(HttpContext http, Store store)
    {
        http.Response.ContentType = "application/json";
        var pipe = new Pipe();
        var export = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    SeedExporter.Write(store, new PipeSink(pipe.Writer));
                    pipe.Writer.Complete();
                }
                catch (Exception e)
                {
                    pipe.Writer.Complete(e);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            await pipe.Reader.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
        finally
        {
            await pipe.Reader.CompleteAsync();
            await export;
        }
    }

    /// <summary>A write-only stream into a pipe, which refuses to go on once nobody reads the pipe.</summary>
    private sealed class PipeSink(PipeWriter writer) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            // Synchronous on purpose: this runs on the export's own thread, which holds the snapshot.
            var result = writer.WriteAsync(buffer.ToArray()).AsTask().GetAwaiter().GetResult();
            if (result.IsCompleted || result.IsCanceled)
            {
                throw new OperationCanceledException("The client stopped reading the export.");
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>
    /// The filters of a GET. A misspelt filter would otherwise be ignored and the answer hold every user's
    /// messages, so an unknown parameter, or one given twice, is refused. Names match as ASP.NET matches them, in
    /// any case; a filter not given is null.
    /// </summary>
    private static Dictionary<string, string?> Filter(IQueryCollection query, string path, params string[] names)
    {
        foreach (var (name, values) in query)
        {
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new AdminRefusal($"{AdminBody.Quoted(name)} is not a parameter of {Prefix}/{path}; its parameters are {string.Join(", ", names[..^1])} and {names[^1]}.");
            }

            if (values.Count > 1)
            {
                throw new AdminRefusal($"{name} is given {values.Count} times; give it once.");
            }
        }

        return names.ToDictionary(name => name, name => query[name].FirstOrDefault());
    }

    /// <summary>Sets the clock to Now, then moves it by AdvanceSeconds: checked whole first, so a refused change changes nothing.</summary>
    private static void Move(AdjustableClock clock, ClockChange change)
    {
        if (change.Now is { } now && (now < AdjustableClock.Earliest || now > AdjustableClock.Latest))
        {
            throw new AdminRefusal($"Now must be {AdjustableClock.Range}.");
        }

        var seconds = change.AdvanceSeconds ?? 0;
        var refused = $"AdvanceSeconds must keep the clock {AdjustableClock.Range}.";
        if (!(Math.Abs(seconds) <= (AdjustableClock.Latest - AdjustableClock.Earliest).TotalSeconds))
        {
            throw new AdminRefusal(refused);
        }

        try
        {
            if (change.Now is { } start)
            {
                clock.SetUtcNow(start + TimeSpan.FromSeconds(seconds));
            }
            else
            {
                clock.Advance(TimeSpan.FromSeconds(seconds));
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new AdminRefusal(refused);
        }
    }
}

public sealed record AdminMessage(string Message);

/// <summary>A change to the clock: set it to Now, then move it by AdvanceSeconds (negative moves back).</summary>
public sealed record ClockChange(DateTimeOffset? Now, double? AdvanceSeconds);

public sealed record ClockState(DateTimeOffset Now, double OffsetSeconds);

/// <summary>An SMS the mock "sent", as GET /_mock/sms has always shown it.</summary>
public sealed record SentSms(string UserPoolId, string Username, string Destination, string? Code, DateTimeOffset SentAt);

/// <summary>An auth event with the token that UpdateAuthEventFeedback asks for.</summary>
public sealed record AuthEventToken(string EventId, string EventType, DateTime CreationDate, string EventResponse, string FeedbackToken);

[JsonSerializable(typeof(AdminMessage))]
[JsonSerializable(typeof(SeedSummary))]
[JsonSerializable(typeof(ClockChange))]
[JsonSerializable(typeof(List<FaultRuleStatus>))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(List<SentSms>))]
[JsonSerializable(typeof(List<SentMessage>))]
[JsonSerializable(typeof(List<AuthEventToken>))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(ClockState))]
public sealed partial class AdminJson : JsonSerializerContext;
