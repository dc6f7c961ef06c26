using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Messages;
using CognitoMock.Storage;

namespace CognitoMock;

// Passwords a user changes or recovers: ForgotPassword, ConfirmForgotPassword, ChangePassword, and an
// administrator's AdminResetUserPassword (docs/behaviour.md §13). None of them revokes a token already issued: AWS
// does not (seen: amplify-js issue 6559 for a reset, londonaicentre/FLIP pull request 500 for a change).
public sealed partial class CognitoBackend
{
    /// <summary>AWS's words for a user it cannot send a reset code to (seen: aws-sdk-js-v3 issue 7101 and others).</summary>
    private const string NoRecoveryChannel = "Cannot reset password for the user as there is no registered/verified email or phone_number";

    /// <summary>
    /// The refusal of ForgotPassword in a pool whose recovery is admin_only: the exception is the one AWS answers for
    /// a recovery the pool forbids; the words are the mock's [decision, docs/behaviour.md §13].
    /// </summary>
    private const string AdminOnly = "Contact administrator to reset password.";

    private static bool AdminOnlyRecovery(UserPool pool) =>
        pool.Settings.AccountRecoverySetting?.RecoveryMechanisms?.Any(m => m.Name == "admin_only") == true;

    /// <summary>
    /// Sends a password-reset code to the first channel of the pool's AccountRecoverySetting, by priority, that
    /// the user has verified; the code lasts an hour.
    /// </summary>
    public override ForgotPasswordResponse ForgotPassword(ForgotPasswordRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (client, pool) = ProvenClient(request.ClientId, request.Username, request.SecretHash);
        return Store.Write(tx =>
        {
            if (FindByName(tx, pool, request.Username) is not { } user)
            {
                return Prevents(client)
                    ? new ForgotPasswordResponse { CodeDeliveryDetails = SimulatedDelivery(request.Username) }
                    : throw UserNotFoundException.OfClient();
            }

            if (!user.Enabled)
            {
                throw new NotAuthorizedException("User is disabled.");
            }

            if (AdminOnlyRecovery(pool))
            {
                throw new NotAuthorizedException(AdminOnly);
            }

            var attribute = RecoveryChannel(pool, user) ?? throw new InvalidParameterException(NoRecoveryChannel);
            AttemptLimits.CodeRequested(user, Now);
            tx.UpdateUser(pool, user);
            var delivery = SendCode(tx, pool, user, CodePurposes.ForgotPassword, attribute, TriggerSources.ForgotPassword);
            RecordAuthEvent(tx, pool, user, AuthEventTypes.ForgotPassword, AuthEventResponses.InProgress, context);
            return new ForgotPasswordResponse { CodeDeliveryDetails = delivery };
        });
    }

    /// <summary>Sets the new password with the reset code; a user whose password had to be reset is CONFIRMED after it.</summary>
    public override ConfirmForgotPasswordResponse ConfirmForgotPassword(ConfirmForgotPasswordRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (client, pool) = ProvenClient(request.ClientId, request.Username, request.SecretHash);
        var found = FindByName(Store, pool, request.Username);
        PasswordPolicies.Enforce(pool, request.Password);
        // Hashed before the write; a username never changes, so the verifier made with it holds.
        var password = found is null ? null : PasswordCredentials.Create(pool, found.Username, request.Password, Random);
        return Committed<ConfirmForgotPasswordResponse>(tx =>
        {
            if (found is null || tx.GetUser(found.Id) is not { } user)
            {
                throw Prevents(client) ? new CodeMismatchException(WrongCode) : UserNotFoundException.OfClient();
            }

            if (CheckCode(tx, pool, user, CodePurposes.ForgotPassword, request.ConfirmationCode, out _) is { } refusal)
            {
                return (null!, refusal);
            }

            user.Password = password;
            if (user.UserStatus is UserStatuses.ResetRequired or UserStatuses.ForceChangePassword)
            {
                user.UserStatus = UserStatuses.Confirmed;
            }

            AttemptLimits.PasswordSucceeded(user);
            user.UserLastModifiedDate = Now;
            tx.UpdateUser(pool, user);
            RecordAuthEvent(tx, pool, user, AuthEventTypes.ForgotPassword, AuthEventResponses.Pass, context);
            return (new ConfirmForgotPasswordResponse(), null);
        });
    }

    /// <summary>
    /// A signed-in user's new password. A wrong previous password counts as a failed sign-in, and once those are
    /// locked the answer is AWS's limit (seen: aws-sdk-android issue 627).
    /// </summary>
    public override ChangePasswordResponse ChangePassword(ChangePasswordRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (pool, user, _) = Tokens.Check(request.AccessToken);
        if (AttemptLimits.PasswordLocked(user, Now))
        {
            throw AttemptLimits.AttemptLimitExceeded();
        }

        if (user.Password is not { } current || request.PreviousPassword is not { } previous || !PasswordCredentials.Matches(current, previous))
        {
            FailedPassword(pool, user.Id, context);
            throw NotAuthorizedException.IncorrectCredentials();
        }

        PasswordPolicies.Enforce(pool, request.ProposedPassword);
        var password = PasswordCredentials.Create(pool, user.Username, request.ProposedPassword, Random);
        Store.Write(tx =>
        {
            var changed = CurrentUser(tx, user.Id);
            if (changed.Password?.Hash != current.Hash)
            {
                throw NotAuthorizedException.IncorrectCredentials();
            }

            changed.Password = password;
            AttemptLimits.PasswordSucceeded(changed);
            changed.UserLastModifiedDate = Now;
            tx.UpdateUser(pool, changed);
            RecordAuthEvent(tx, pool, changed, AuthEventTypes.PasswordChange, AuthEventResponses.Pass, context);
        });
        return new ChangePasswordResponse();
    }

    /// <summary>
    /// Makes the user reset its password: RESET_REQUIRED, so its next sign-in is PasswordResetRequiredException, and
    /// a reset code to its recovery channel if it has one; without one, only the status changes [decision].
    /// </summary>
    public override AdminResetUserPasswordResponse AdminResetUserPassword(AdminResetUserPasswordRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        Store.Write(tx =>
        {
            var pool = RequirePool(tx, request.UserPoolId);
            var user = ResolveUser(tx, pool, request.Username);
            if (!user.Enabled)
            {
                // AWS's words (seen: amazon-cognito-identity-js issue 373).
                throw new NotAuthorizedException("User is disabled.");
            }

            user.UserStatus = UserStatuses.ResetRequired;
            user.UserLastModifiedDate = Now;
            tx.UpdateUser(pool, user);
            if (RecoveryChannel(pool, user) is { } attribute)
            {
                SendCode(tx, pool, user, CodePurposes.ForgotPassword, attribute, TriggerSources.ForgotPassword);
            }
        });
        return new AdminResetUserPasswordResponse();
    }

    /// <summary>
    /// Where a reset code goes: the first of the pool's AccountRecoverySetting mechanisms, by priority, that the user
    /// has verified; admin_only means none. Without the setting, AWS's older rule: a verified phone number, else a
    /// verified email (the model's AccountRecoverySettingType documentation).
    /// </summary>
    private static string? RecoveryChannel(UserPool pool, User user)
    {
        var mechanisms = pool.Settings.AccountRecoverySetting?.RecoveryMechanisms is { Count: > 0 } set
            ? set.OrderBy(m => m.Priority).Select(m => m.Name)
            : ["verified_phone_number", "verified_email"];
        foreach (var mechanism in mechanisms)
        {
            var attribute = mechanism switch
            {
                "verified_email" => UserLookup.Email,
                "verified_phone_number" => UserLookup.PhoneNumber,
                _ => null,
            };
            if (attribute is null)
            {
                return null;
            }

            if (user.IsVerified(attribute) && !string.IsNullOrEmpty(user.GetAttribute(attribute)))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>
    /// Counts a wrong password or proof against the user, and records it as a failed sign-in, in a write of its own
    /// that commits before the refusal.
    /// </summary>
    private void FailedPassword(UserPool pool, string userId, RequestContext context) => Store.Write(tx =>
    {
        if (tx.GetUser(userId) is { } user)
        {
            AttemptLimits.PasswordFailed(user, Now);
            tx.UpdateUser(pool, user);
            RecordAuthEvent(tx, pool, user, AuthEventTypes.SignIn, AuthEventResponses.Fail, context, ["Password:Failure"]);
        }
    });
}
