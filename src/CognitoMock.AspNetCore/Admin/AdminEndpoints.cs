using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CognitoMock.AspNetCore.Faults;
using CognitoMock.Seeding;
using CognitoMock.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CognitoMock.AspNetCore.Admin;

/// <summary>
/// The mock's own endpoints, under a path no AWS operation uses: reset the state, load a seed document,
/// export the state as one, read or move the clock, read the SMS codes sent, inject faults.
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

        group.MapPost("/reset", (CognitoBackend backend) =>
        {
            backend.Reset();
            return Results.Json(new AdminMessage("The state is empty."), AdminJson.Default.AdminMessage);
        });

        group.MapPost("/seed", async (HttpRequest request, Seeder seeder) =>
        {
            // Seeding is synchronous LiteDB work; the body is buffered first so no thread blocks on the network.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
            body.Position = 0;
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
        group.MapPost("/clock", (ClockChange change, CognitoBackend backend) =>
        {
            if (backend.Time is not AdjustableClock clock)
            {
                return Results.Json(new AdminMessage("This mock's clock is not adjustable here; an in-process mock's clock is its Clock property."),
                    AdminJson.Default.AdminMessage, statusCode: StatusCodes.Status409Conflict);
            }

            if (change.Now is { } now)
            {
                clock.SetUtcNow(now);
            }

            clock.Advance(TimeSpan.FromSeconds(change.AdvanceSeconds ?? 0));
            return Results.Json(ClockOf(backend), AdminJson.Default.ClockState);
        });

        // The SMS messages the mock "sent" (it sends none): MFA codes for tests to read, newest last.
        group.MapGet("/sms", (string? userPoolId, string? username, CognitoBackend backend) => Results.Json(
            backend.Sms.Messages.Where(m => (userPoolId is null || m.UserPoolId == userPoolId) && (username is null || m.Username == username)).ToList(),
            AdminJson.Default.ListSentSms));

        // Faults for users' resilience tests: list, add one, or clear them.
        group.MapGet("/faults", (FaultInjector faults) => Results.Json(faults.Status.ToList(), AdminJson.Default.ListFaultRuleStatus));
        group.MapPost("/faults", (FaultRule rule, FaultInjector faults) =>
        {
            try
            {
                faults.Add(rule);
                return Results.Json(faults.Status.ToList(), AdminJson.Default.ListFaultRuleStatus);
            }
            catch (ArgumentException e)
            {
                return Results.Json(new AdminMessage(e.Message), AdminJson.Default.AdminMessage, statusCode: StatusCodes.Status400BadRequest);
            }
        });
        group.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.Json(new AdminMessage("No faults are set."), AdminJson.Default.AdminMessage);
        });

        group.MapGet("/export", async (HttpResponse response, CognitoBackend backend) =>
        {
            response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(response.Body, SeedExporter.Export(backend.Store), SeedJsonContext.Default.SeedDocument);
        });
    }
}

public sealed record AdminMessage(string Message);

/// <summary>A change to the clock: set it to Now, then move it by AdvanceSeconds (negative moves back).</summary>
public sealed record ClockChange(DateTimeOffset? Now, double? AdvanceSeconds);

public sealed record ClockState(DateTimeOffset Now, double OffsetSeconds);

[JsonSerializable(typeof(AdminMessage))]
[JsonSerializable(typeof(SeedSummary))]
[JsonSerializable(typeof(ClockChange))]
[JsonSerializable(typeof(List<FaultRuleStatus>))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(List<SentSms>))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(ClockState))]
public sealed partial class AdminJson : JsonSerializerContext;
