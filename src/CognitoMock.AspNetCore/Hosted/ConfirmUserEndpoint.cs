using System.Net;
using CognitoMock.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CognitoMock.AspNetCore.Hosted;

/// <summary>
/// GET /confirmUser: where the link of a link-style verification email leads, with the parameters AWS's hosted
/// endpoint takes (client_id, user_name, confirmation_code). It confirms the user as ConfirmSignUp would, and
/// answers a short page: 200 when confirmed, 400 naming the error otherwise (docs/behaviour.md §13).
/// </summary>
internal static class ConfirmUserEndpoint
{
    public const string Path = "/confirmUser";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (HttpRequest request, CognitoBackend backend) =>
        {
            string? Single(string name) => request.Query[name] is { Count: 1 } values ? values[0] : null;
            if (Single("client_id") is not { } clientId || Single("user_name") is not { } username || Single("confirmation_code") is not { } code)
            {
                return Page(StatusCodes.Status400BadRequest, "InvalidParameterException", "The link needs client_id, user_name and confirmation_code, each once.");
            }

            try
            {
                backend.ConfirmByLink(clientId, username, code);
                return Page(StatusCodes.Status200OK, "Confirmed", "Your registration has been confirmed.");
            }
            catch (CognitoException e)
            {
                return Page(StatusCodes.Status400BadRequest, e.Code, e.Message);
            }
        });

    private static IResult Page(int status, string title, string message) =>
        Results.Content(
            $"<!doctype html><html><head><title>{WebUtility.HtmlEncode(title)}</title></head><body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p></body></html>",
            "text/html; charset=utf-8",
            statusCode: status);
}
