using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Messages;
using CognitoMock.Storage;
using CognitoMock.Tokens;

namespace CognitoMock;

// A signed-in user's own attributes: UpdateUserAttributes, DeleteUserAttributes, GetUserAttributeVerificationCode,
// VerifyUserAttribute (docs/behaviour.md §13).
public sealed partial class CognitoBackend
{
    /// <summary>
    /// Sets the user's attributes, within what its client may write. A changed email or phone number the pool
    /// verifies is sent a code; one listed in AttributesRequireVerificationBeforeUpdate keeps its old value until
    /// the new one is verified (AWS's documentation of that setting), any other takes the new value unverified.
    /// </summary>
    public override UpdateUserAttributesResponse UpdateUserAttributes(UpdateUserAttributesRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var principal = Tokens.Check(request.AccessToken);
        var client = ClientOf(principal);
        RequireWritable(client, request.UserAttributes.Select(a => a.Name));
        return Store.Write(tx =>
        {
            var pool = principal.Pool;
            var user = CurrentUser(tx, principal.User.Id);
            var changes = UserAttributeRules.Check(pool, request.UserAttributes, creating: false);
            var verified = pool.Settings.AutoVerifiedAttributes ?? [];
            var waitForCode = pool.Settings.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
            var deliveries = new List<(string Attribute, string Value, bool Pending)>();
            foreach (var change in changes.Where(c => UserAttributeRules.VerifiedFlagOf(c.Name) is not null && c.Value != user.GetAttribute(c.Name)))
            {
                if (verified.Contains(change.Name))
                {
                    deliveries.Add((change.Name, change.Value, waitForCode.Contains(change.Name)));
                }
            }

            // An address that waits for its code is not set yet: its old value, and its verification, stay.
            var applied = changes.Where(c => !deliveries.Exists(d => d.Pending && d.Attribute == c.Name)).ToList();
            UserAttributeRules.Apply(user, applied);
            SaveWithAliases(tx, pool, user, forceAliasCreation: false);
            var sent = deliveries.ConvertAll(d => SendCode(
                tx, pool, user, CodePurposes.Verify(d.Attribute), d.Attribute, TriggerSources.UpdateUserAttribute,
                destination: d.Value, pendingValue: d.Pending ? d.Value : null));
            return new UpdateUserAttributesResponse { CodeDeliveryDetailsList = sent.Count > 0 ? sent : null };
        });
    }

    public override DeleteUserAttributesResponse DeleteUserAttributes(DeleteUserAttributesRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var principal = Tokens.Check(request.AccessToken);
        RequireWritable(ClientOf(principal), request.UserAttributeNames);
        Store.Write(tx =>
        {
            var pool = principal.Pool;
            var user = CurrentUser(tx, principal.User.Id);
            UserAttributeRules.RequireChangeable(pool, request.UserAttributeNames, creating: false);
            UserAttributeRules.Delete(user, request.UserAttributeNames);
            UserAttributeRules.RequireComplete(pool, user.Attributes);
            SaveWithAliases(tx, pool, user, forceAliasCreation: false);
        });
        return new DeleteUserAttributesResponse();
    }

    /// <summary>Sends a code to the user's email or phone number, to verify it with VerifyUserAttribute.</summary>
    public override GetUserAttributeVerificationCodeResponse GetUserAttributeVerificationCode(GetUserAttributeVerificationCodeRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var principal = Tokens.Check(request.AccessToken);
        var attribute = RequireVerifiable(request.AttributeName);
        return Store.Write(tx =>
        {
            var pool = principal.Pool;
            var user = CurrentUser(tx, principal.User.Id);
            // A new address that waits for its code is the one to verify; else the user's own.
            var pending = tx.GetCode(user.Id, CodePurposes.Verify(attribute))?.PendingValue;
            var destination = pending ?? user.GetAttribute(attribute)
                ?? throw new InvalidParameterException($"The user has no {attribute} to verify.");
            AttemptLimits.CodeRequested(user, Now);
            tx.UpdateUser(pool, user);
            return new GetUserAttributeVerificationCodeResponse
            {
                CodeDeliveryDetails = SendCode(
                    tx, pool, user, CodePurposes.Verify(attribute), attribute, TriggerSources.VerifyUserAttribute, destination: destination, pendingValue: pending),
            };
        });
    }

    /// <summary>Verifies the email or phone number the code went to, and puts a new address that waited for it in place.</summary>
    public override VerifyUserAttributeResponse VerifyUserAttribute(VerifyUserAttributeRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var principal = Tokens.Check(request.AccessToken);
        var attribute = RequireVerifiable(request.AttributeName);
        return Committed<VerifyUserAttributeResponse>(tx =>
        {
            var pool = principal.Pool;
            var user = CurrentUser(tx, principal.User.Id);
            if (CheckCode(tx, pool, user, CodePurposes.Verify(attribute), request.Code, out var used) is { } refusal)
            {
                return (null!, refusal);
            }

            if (used!.PendingValue is { } value)
            {
                UserAttributeRules.Set(user.Attributes, attribute, value);
            }

            UserAttributeRules.Set(user.Attributes, UserAttributeRules.VerifiedFlagOf(attribute)!, "true");
            SaveWithAliases(tx, pool, user, forceAliasCreation: false);
            return (new VerifyUserAttributeResponse(), null);
        });
    }

    /// <summary>The app client an access token was issued to.</summary>
    private AppClient ClientOf(AccessTokenPrincipal principal) =>
        Store.GetClient(principal.Grant.ClientId) ?? throw TokenService.InvalidAccessToken();

    /// <summary>
    /// A client writes only its WriteAttributes, and never a *_verified flag, which only a code sets (AWS's
    /// words, as SignUp gives them).
    /// </summary>
    private static void RequireWritable(AppClient client, IEnumerable<string> names)
    {
        if (names.Any(name => name.EndsWith("_verified", StringComparison.Ordinal) || client.Settings.WriteAttributes?.Contains(name) == false))
        {
            throw new NotAuthorizedException("A client attempted to write unauthorized attribute");
        }
    }

    private static string RequireVerifiable(string attribute) =>
        UserAttributeRules.VerifiedFlagOf(attribute) is not null
            ? attribute
            : throw new InvalidParameterException($"{attribute} cannot be verified: only email and phone_number can.");
}
