using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Messages;
using CognitoMock.Storage;

namespace CognitoMock;

// Self-service sign-up: SignUp, ConfirmSignUp, ResendConfirmationCode (docs/behaviour.md §13).
public sealed partial class CognitoBackend
{
    /// <summary>A Session that SignUp and ConfirmSignUp hand out, for signing in right after confirmation.</summary>
    internal const string SignUpSession = "SIGN_UP";

    /// <summary>
    /// An UNCONFIRMED user, signed up through an app client; a client with a secret proves it with SECRET_HASH.
    /// The client may not write the *_verified flags, nor attributes outside its WriteAttributes. A pool that
    /// verifies email or phone numbers itself (AutoVerifiedAttributes) sends the confirmation code.
    /// </summary>
    public override SignUpResponse SignUp(SignUpRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (client, pool) = ProvenClient(request.ClientId, request.Username, request.SecretHash);
        if (pool.Settings.AdminCreateUserConfig?.AllowAdminCreateUserOnly == true)
        {
            throw new NotAuthorizedException("SignUp is not permitted for this user pool");
        }

        var attributes = request.UserAttributes ?? [];
        if (attributes.Exists(a => a.Name.EndsWith("_verified", StringComparison.Ordinal)
                || client.Settings.WriteAttributes?.Contains(a.Name) == false))
        {
            throw new NotAuthorizedException("A client attempted to write unauthorized attribute");
        }

        var user = NewUser(pool, request.Username, attributes, UserStatuses.Unconfirmed);
        var password = request.Password
            ?? throw new InvalidParameterException("A password is required: the mock has no passwordless sign-up.");
        PasswordPolicies.Enforce(pool, password);
        user.Password = PasswordCredentials.Create(pool, user.Username, password, Random);
        return Store.Write(tx =>
        {
            RequirePool(tx, pool.Id);
            // AWS's words for a taken username at sign-up (seen: amplify-js#6238).
            InsertNewUser(tx, pool, user, "User already exists");
            var delivery = ConfirmationAttribute(pool, user) is { } attribute
                ? SendCode(tx, pool, user, CodePurposes.SignUp, attribute, TriggerSources.SignUp, link: ConfirmationLink(client, user, context))
                : null;
            RecordAuthEvent(tx, pool, user, AuthEventTypes.SignUp, AuthEventResponses.Pass, context);
            return new SignUpResponse
            {
                UserConfirmed = false,
                UserSub = user.Sub,
                CodeDeliveryDetails = delivery,
                Session = OpenSignUpSession(tx, pool, client, user),
            };
        });
    }

    /// <summary>
    /// Confirms an UNCONFIRMED user with the code SignUp or ResendConfirmationCode sent; the address it went to is
    /// verified by it, and becomes an alias if the pool has one (another user's verified alias only with
    /// ForceAliasCreation, as AdminUpdateUserAttributes does it).
    /// </summary>
    public override ConfirmSignUpResponse ConfirmSignUp(ConfirmSignUpRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (client, pool) = ProvenClient(request.ClientId, request.Username, request.SecretHash);
        return new ConfirmSignUpResponse { Session = Confirm(client, pool, request.Username, request.ConfirmationCode, request.ForceAliasCreation == true) };
    }

    /// <summary>
    /// Confirms a user by the link of a link-style verification email (GET /confirmUser), as ConfirmSignUp does
    /// with the code it carries; the link proves no client secret, as AWS's does not.
    /// </summary>
    public void ConfirmByLink(string clientId, string username, string code)
    {
        var client = RequireClient(Store, clientId);
        Confirm(client, RequirePool(Store, client.UserPoolId), username, code, forceAliasCreation: false);
    }

    private string Confirm(AppClient client, UserPool pool, string username, string code, bool forceAliasCreation) =>
        Committed<string>(tx =>
        {
            if (FindByName(tx, pool, username) is not { } user)
            {
                // With PreventUserExistenceErrors, an unknown user reads as a wrong code (docs/behaviour.md §13).
                throw Prevents(client) ? new CodeMismatchException(WrongCode) : UserNotFoundException.OfClient();
            }

            if (user.UserStatus != UserStatuses.Unconfirmed)
            {
                // AWS's words, as AdminConfirmSignUp gives them.
                throw new NotAuthorizedException($"User cannot be confirmed. Current status is {user.UserStatus}");
            }

            if (CheckCode(tx, pool, user, CodePurposes.SignUp, code, out var used) is { } refusal)
            {
                return (null!, refusal);
            }

            user.UserStatus = UserStatuses.Confirmed;
            if (used!.Attribute is { } attribute)
            {
                UserAttributeRules.Set(user.Attributes, UserAttributeRules.VerifiedFlagOf(attribute)!, "true");
            }

            SaveWithAliases(tx, pool, user, forceAliasCreation);
            return (OpenSignUpSession(tx, pool, client, user), null);
        });

    /// <summary>A new confirmation code, in place of the last one, to the address the pool verifies.</summary>
    public override ResendConfirmationCodeResponse ResendConfirmationCode(ResendConfirmationCodeRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (client, pool) = ProvenClient(request.ClientId, request.Username, request.SecretHash);
        return Store.Write(tx =>
        {
            if (FindByName(tx, pool, request.Username) is not { } user)
            {
                return Prevents(client)
                    ? new ResendConfirmationCodeResponse { CodeDeliveryDetails = SimulatedDelivery(request.Username) }
                    : throw UserNotFoundException.OfClient();
            }

            if (user.UserStatus != UserStatuses.Unconfirmed)
            {
                // AWS's words (seen: amazon-cognito-identity-js issue 525).
                throw new InvalidParameterException("User is already confirmed.");
            }

            var attribute = ConfirmationAttribute(pool, user)
                ?? throw new InvalidParameterException("Auto verification not turned on.");
            AttemptLimits.CodeRequested(user, Now);
            tx.UpdateUser(pool, user);
            var delivery = SendCode(tx, pool, user, CodePurposes.SignUp, attribute, TriggerSources.ResendCode, link: ConfirmationLink(client, user, context));
            RecordAuthEvent(tx, pool, user, AuthEventTypes.ResendCode, AuthEventResponses.Pass, context);
            return new ResendConfirmationCodeResponse { CodeDeliveryDetails = delivery };
        });
    }

    /// <summary>
    /// Where a confirmation code goes: the phone number if the pool verifies phone numbers and the user has one,
    /// else the email if the pool verifies emails [decision: phone first, as AWS's console describes choosing both].
    /// </summary>
    private static string? ConfirmationAttribute(UserPool pool, User user)
    {
        var verified = pool.Settings.AutoVerifiedAttributes ?? [];
        return new[] { UserLookup.PhoneNumber, UserLookup.Email }
            .FirstOrDefault(a => verified.Contains(a) && !string.IsNullOrEmpty(user.GetAttribute(a)));
    }

    /// <summary>
    /// The link a link-style verification email carries, as AWS's hosted confirmUser endpoint takes it; the mock
    /// serves it at its own address (GET /confirmUser).
    /// </summary>
    private static string ConfirmationLink(AppClient client, User user, RequestContext context) =>
        $"{context.BaseUrl}/confirmUser?client_id={Uri.EscapeDataString(client.ClientId)}&user_name={Uri.EscapeDataString(user.Username)}&confirmation_code={CodePlaceholder}";

    private string OpenSignUpSession(StoreTransaction tx, UserPool pool, AppClient client, User user) =>
        Challenges.Open(tx, new ChallengeSession { ChallengeName = SignUpSession, UserPoolId = pool.Id, ClientId = client.ClientId, UserId = user.Id });

    /// <summary>
    /// The app client of a self-service request and its pool, once the client's secret hash for the username is
    /// proven, as a client with a secret must prove it (docs/behaviour.md §13).
    /// </summary>
    private (AppClient Client, UserPool Pool) ProvenClient(string clientId, string username, string? secretHash)
    {
        var client = RequireClient(Store, clientId);
        var pool = RequirePool(Store, client.UserPoolId);
        SecretHash.Verify(client, username, secretHash);
        return (client, pool);
    }

    /// <summary>Whether the client hides which users exist (PreventUserExistenceErrors ENABLED).</summary>
    private static bool Prevents(AppClient client) => client.Settings.PreventUserExistenceErrors == "ENABLED";

    /// <summary>
    /// Where a code "went" for a user who does not exist, when the client hides that: an email, masked as a real
    /// one is [decision].
    /// </summary>
    private static CodeDeliveryDetailsType SimulatedDelivery(string name) =>
        DeliveryDetails(UserLookup.Email, name.Contains('@', StringComparison.Ordinal) ? name : name + "@example.com");

    /// <summary>Saves a changed user, answering AliasExistsException for a verified alias another user holds, unless it may take it.</summary>
    private void SaveWithAliases(StoreTransaction tx, UserPool pool, User user, bool forceAliasCreation)
    {
        if (forceAliasCreation)
        {
            TakeAliases(tx, pool, user);
        }

        user.UserLastModifiedDate = Now;
        try
        {
            tx.UpdateUser(pool, user);
        }
        catch (LookupKeyTakenException e)
        {
            throw new AliasExistsException(AliasTaken(e.Key.Kind));
        }
    }
}
