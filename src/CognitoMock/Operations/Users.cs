using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Messages;
using CognitoMock.Paging;
using CognitoMock.Storage;

namespace CognitoMock;

public sealed partial class CognitoBackend
{
    private const string Resend = "RESEND";

    /// <summary>
    /// A user with a temporary password, FORCE_CHANGE_PASSWORD until it signs in and chooses its own. No
    /// invitation is sent, whatever MessageAction says; RESEND gives an existing invited user a new temporary
    /// password. ForceAliasCreation takes a verified email or phone alias from the user who holds it.
    /// </summary>
    public override AdminCreateUserResponse AdminCreateUser(AdminCreateUserRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = RequirePool(Store, request.UserPoolId);
        if (request.MessageAction == Resend)
        {
            return new AdminCreateUserResponse { User = UserTypeOf(ResendInvitation(pool, request)) };
        }

        var user = NewUser(pool, request.Username, request.UserAttributes, UserStatuses.ForceChangePassword);
        var (password, temporary) = TemporaryPassword(pool, user, request.TemporaryPassword);
        user.Password = password;
        var invitation = InvitationMediums(user, request);
        Store.Write(tx =>
        {
            RequirePool(tx, pool.Id);
            if (request.ForceAliasCreation == true)
            {
                TakeAliases(tx, pool, user);
            }

            // AWS's words for a taken username (seen: localstack#4465); a taken alias is UsernameExistsException
            // too, worded for the alias (seen: boto3#3213).
            InsertNewUser(tx, pool, user, "User account already exists");
            Invite(tx, pool, user, invitation, temporary);
        });
        return new AdminCreateUserResponse { User = UserTypeOf(user) };
    }

    public override AdminGetUserResponse AdminGetUser(AdminGetUserRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = ResolveUser(Store, RequirePool(Store, request.UserPoolId), request.Username);
        return new AdminGetUserResponse
        {
            Username = user.Username,
            UserAttributes = AttributesOf(user, null),
            UserCreateDate = user.UserCreateDate,
            UserLastModifiedDate = user.UserLastModifiedDate,
            Enabled = user.Enabled,
            UserStatus = user.UserStatus,
            PreferredMfaSetting = user.Mfa.Preferred,
            UserMFASettingList = MfaSettingListOf(user),
            MFAOptions = MfaOptionsOf(user),
        };
    }

    /// <summary>The factors a user turned on; left out, as AWS leaves it out, when there are none.</summary>
    private static List<string>? MfaSettingListOf(User user) => user.Mfa.SettingList() is { Count: > 0 } list ? list : null;

    /// <summary>Deletes the user with its devices.</summary>
    public override void AdminDeleteUser(AdminDeleteUserRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        Store.Write(tx =>
        {
            var pool = RequirePool(tx, request.UserPoolId);
            tx.DeleteUser(pool, ResolveUser(tx, pool, request.Username));
        });
    }

    /// <summary>A signed-in user deletes itself, with everything it owns; its tokens then find no user.</summary>
    public override void DeleteUser(DeleteUserRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (pool, user, _) = Tokens.Check(request.AccessToken);
        Store.Write(tx => tx.DeleteUser(pool, CurrentUser(tx, user.Id)));
    }

    /// <summary>
    /// Sets attributes. A new email or phone number is unverified unless the call verifies it, so its alias stops
    /// finding the user; a verified alias another user holds is AliasExistsException (issue 3), where AWS has been
    /// seen to move it instead (boto3#3213).
    /// </summary>
    public override AdminUpdateUserAttributesResponse AdminUpdateUserAttributes(AdminUpdateUserAttributesRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ChangeUser(request.UserPoolId, request.Username, (pool, user) =>
            UserAttributeRules.Apply(user, UserAttributeRules.Check(pool, request.UserAttributes, creating: false)));
        return new AdminUpdateUserAttributesResponse();
    }

    public override AdminDeleteUserAttributesResponse AdminDeleteUserAttributes(AdminDeleteUserAttributesRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ChangeUser(request.UserPoolId, request.Username, (pool, user) =>
        {
            UserAttributeRules.RequireChangeable(pool, request.UserAttributeNames, creating: false);
            UserAttributeRules.Delete(user, request.UserAttributeNames);
            UserAttributeRules.RequireComplete(pool, user.Attributes);
        });
        return new AdminDeleteUserAttributesResponse();
    }

    /// <summary>A permanent password confirms the user; a temporary one makes it choose its own at its next sign-in.</summary>
    public override AdminSetUserPasswordResponse AdminSetUserPassword(AdminSetUserPasswordRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = RequirePool(Store, request.UserPoolId);
        var user = ResolveUser(Store, pool, request.Username);
        PasswordPolicies.Enforce(pool, request.Password);
        // Hashed before the write, which then only swaps it in.
        var password = PasswordCredentials.Create(pool, user.Username, request.Password, Random);
        ChangeUser(pool.Id, StoredUser(user), (_, stored) =>
        {
            stored.Password = password;
            stored.UserStatus = request.Permanent == true ? UserStatuses.Confirmed : UserStatuses.ForceChangePassword;
        });
        return new AdminSetUserPasswordResponse();
    }

    public override AdminEnableUserResponse AdminEnableUser(AdminEnableUserRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ChangeUser(request.UserPoolId, request.Username, (_, user) => user.Enabled = true);
        return new AdminEnableUserResponse();
    }

    public override AdminDisableUserResponse AdminDisableUser(AdminDisableUserRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ChangeUser(request.UserPoolId, request.Username, (_, user) => user.Enabled = false);
        return new AdminDisableUserResponse();
    }

    /// <summary>Confirms an UNCONFIRMED user; any other status is refused in AWS's words for ConfirmSignUp.</summary>
    public override AdminConfirmSignUpResponse AdminConfirmSignUp(AdminConfirmSignUpRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ChangeUser(request.UserPoolId, request.Username, (_, user) =>
        {
            if (user.UserStatus != UserStatuses.Unconfirmed)
            {
                throw new NotAuthorizedException($"User cannot be confirmed. Current status is {user.UserStatus}");
            }

            user.UserStatus = UserStatuses.Confirmed;
        });
        return new AdminConfirmSignUpResponse();
    }

    /// <summary>
    /// Users in username order, paged by username. A filter on username (= or ^=) or on sub (=) seeks the index;
    /// a filter on any other attribute reads the pool's users from the page's start until the page is full, so
    /// its cost grows with the pool.
    /// </summary>
    public override ListUsersResponse ListUsers(ListUsersRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = RequirePool(Store, request.UserPoolId);
        var filter = UserFilter.Parse(request.Filter);
        if (request.AttributesToGet?.Find(name => PoolSchema.Find(pool, name) is null) is { } unknown)
        {
            throw new InvalidParameterException($"AttributesToGet names {unknown}, which is not an attribute of the user pool's schema.");
        }

        var (users, next) = Pages.Keyset<User>(
            new PageScope(nameof(ListUsers), pool.Id, request.Filter ?? ""),
            request.PaginationToken,
            request.Limit,
            context,
            (after, take) => [.. FilteredUsers(pool, filter, after).Take(take)],
            u => u.Username);
        return new ListUsersResponse { Users = users.ConvertAll(u => UserTypeOf(u, request.AttributesToGet)), PaginationToken = next };
    }

    /// <summary>
    /// A new user of the pool, checked, not yet stored. In a pool with UsernameAttributes the name given is the
    /// email or phone number it sets, and the username is the sub; elsewhere the name is the username.
    /// </summary>
    private User NewUser(UserPool pool, string name, List<AttributeType>? given, string status)
    {
        var attributes = UserAttributeRules.Check(pool, given ?? [], creating: true);
        var sub = Ids.Sub();
        string username;
        if (pool.UsernameAttributes.Count > 0)
        {
            UserAttributeRules.Set(attributes, UserAttributeRules.UsernameAttributeOf(pool, name), name);
            username = sub;
        }
        else
        {
            UserAttributeRules.RefuseAliasFormat(pool, name);
            username = name;
        }

        attributes.Insert(0, new UserAttribute { Name = "sub", Value = sub });
        UserAttributeRules.RequireComplete(pool, attributes);
        return User.Create(pool.Id, username, sub, attributes, status, Now);
    }

    /// <summary>The temporary password, given or generated, hashed, and in clear for the invitation that carries it.</summary>
    private (PasswordCredential Credential, string Clear) TemporaryPassword(UserPool pool, User user, string? given)
    {
        if (given is not null)
        {
            PasswordPolicies.Enforce(pool, given);
        }

        var clear = given ?? PasswordPolicies.Generate(PasswordPolicies.Of(pool), Random);
        return (PasswordCredentials.Create(pool, user.Username, clear, Random), clear);
    }

    private User ResendInvitation(UserPool pool, AdminCreateUserRequest request)
    {
        var invited = ResolveUser(Store, pool, request.Username);
        var (password, temporary) = TemporaryPassword(pool, invited, request.TemporaryPassword);
        var invitation = InvitationMediums(invited, request);
        return Store.Write(tx =>
        {
            var current = RequirePool(tx, pool.Id);
            var user = CurrentUser(tx, invited.Id);
            if (user.UserStatus != UserStatuses.ForceChangePassword)
            {
                throw new UnsupportedUserStateException($"Resend not possible. The user's status is {user.UserStatus}.");
            }

            user.Password = password;
            SaveWithAliases(tx, current, user, forceAliasCreation: false);
            Invite(tx, current, user, invitation, temporary);
            return user;
        });
    }

    /// <summary>
    /// Where an invitation goes: each of DesiredDeliveryMediums (SMS when not given, AWS's documented default), or
    /// none with MessageAction SUPPRESS. A medium asked for whose address the user lacks is refused, in AWS's words
    /// for email (seen: cognito-backup-restore issue 25); the default SMS falls back to the email when the user has
    /// no phone number, and to no message when it has neither [decision, docs/behaviour.md §13].
    /// </summary>
    private static List<string> InvitationMediums(User user, AdminCreateUserRequest request)
    {
        if (request.MessageAction == "SUPPRESS")
        {
            return [];
        }

        if (request.DesiredDeliveryMediums is not { Count: > 0 } asked)
        {
            return new[] { UserLookup.PhoneNumber, UserLookup.Email }.FirstOrDefault(a => user.GetAttribute(a) is not null) is { } found
                ? [found]
                : [];
        }

        var attributes = asked.Distinct().Select(m => m == DeliveryMediums.Email ? UserLookup.Email : UserLookup.PhoneNumber).ToList();
        foreach (var attribute in attributes.Where(a => user.GetAttribute(a) is null))
        {
            throw new InvalidParameterException(attribute == UserLookup.Email
                ? "No email provided but desired delivery medium was Email"
                : "No phone_number provided but desired delivery medium was Sms");
        }

        return attributes;
    }

    /// <summary>
    /// Sends the invitation, with the temporary password in the place of the code, over each medium. A template
    /// without the {####} placeholder is not delivered, as AWS documents.
    /// </summary>
    private void Invite(StoreTransaction tx, UserPool pool, User user, List<string> attributes, string temporaryPassword)
    {
        foreach (var attribute in attributes)
        {
            var medium = MediumOf(attribute);
            if (MessageTemplates.Carries(pool, TriggerSources.AdminCreateUser, medium))
            {
                Deliver(tx, pool, user, TriggerSources.AdminCreateUser, medium, user.GetAttribute(attribute)!, temporaryPassword);
            }
        }
    }

    /// <summary>ForceAliasCreation: each verified email or phone alias of the new user stops being another user's alias.</summary>
    private void TakeAliases(StoreTransaction tx, UserPool pool, User user)
    {
        foreach (var kind in pool.AliasAttributes)
        {
            if (UserAttributeRules.VerifiedFlagOf(kind) is not { } flag
                || !user.IsVerified(kind)
                || user.GetAttribute(kind) is not { } value
                || tx.FindUserId(pool.Id, new LookupKey(kind, UserLookup.Fold(pool, kind, value))) is not { } holderId
                || tx.GetUser(holderId) is not { } holder)
            {
                continue;
            }

            UserAttributeRules.Set(holder.Attributes, flag, "false");
            holder.UserLastModifiedDate = Now;
            tx.UpdateUser(pool, holder);
        }
    }

    private static void InsertNewUser(StoreTransaction tx, UserPool pool, User user, string usernameTaken)
    {
        try
        {
            tx.InsertUser(pool, user);
        }
        catch (LookupKeyTakenException e)
        {
            throw new UsernameExistsException(e.Key.Kind == UserLookup.Username ? usernameTaken : AliasTaken(e.Key.Kind));
        }
    }

    private User ChangeUser(string userPoolId, string username, Action<UserPool, User> change) =>
        ChangeUser(userPoolId, (tx, pool) => ResolveUser(tx, pool, username), change);

    /// <summary>
    /// Finds the user and changes it in one write, so the change is made to the user as it is now; moves its
    /// lookup keys with its attributes, and answers AliasExistsException for a verified alias another user holds.
    /// </summary>
    private User ChangeUser(string userPoolId, Func<StoreView, UserPool, User> find, Action<UserPool, User> change) => Store.Write(tx =>
    {
        var pool = RequirePool(tx, userPoolId);
        var user = find(tx, pool);
        change(pool, user);
        SaveWithAliases(tx, pool, user, forceAliasCreation: false);
        return user;
    });

    /// <summary>Finds a user already resolved again, by its storage identity, as it is now.</summary>
    private static Func<StoreView, UserPool, User> StoredUser(User user) => (view, _) => CurrentUser(view, user.Id);

    /// <summary>AWS's words for a taken email (seen: aws-sdk-js#4308); the other aliases follow them.</summary>
    private static string AliasTaken(string kind) => kind switch
    {
        UserLookup.Email => "An account with the given email already exists.",
        UserLookup.PhoneNumber => "An account with the given phone number already exists.",
        _ => "An account with the given preferred username already exists.",
    };

    /// <summary>The pool's users that pass the filter, in username order after <paramref name="after"/>, read as enumerated.</summary>
    private IEnumerable<User> FilteredUsers(UserPool pool, UserFilter? filter, string? after) => filter switch
    {
        null => Store.UsersFrom(pool.Id, "", after),
        { Attribute: UserFilter.Username, Prefix: true } => Store.UsersFrom(pool.Id, filter.Value, after),
        { Attribute: UserFilter.Username } => OneAfter(Store.FindUserByUsername(pool.Id, filter.Value), after),
        { Attribute: UserFilter.Sub, Prefix: false } => OneAfter(Store.FindUserBySub(pool.Id, filter.Value), after),
        _ => Store.UsersFrom(pool.Id, "", after).Where(filter.Matches),
    };

    private static IEnumerable<User> OneAfter(User? user, string? after) =>
        user is not null && (after is null || string.CompareOrdinal(user.Username, after) > 0) ? [user] : [];

    private static UserType UserTypeOf(User user, IReadOnlyCollection<string>? attributesToGet = null) => new()
    {
        Username = user.Username,
        Attributes = AttributesOf(user, attributesToGet),
        UserCreateDate = user.UserCreateDate,
        UserLastModifiedDate = user.UserLastModifiedDate,
        Enabled = user.Enabled,
        UserStatus = user.UserStatus,
    };

    private static List<AttributeType> AttributesOf(User user, IReadOnlyCollection<string>? only) =>
        [.. user.Attributes.Where(a => only is null || only.Contains(a.Name)).Select(a => new AttributeType { Name = a.Name, Value = a.Value })];
}
