using CognitoMock.Domain;

namespace CognitoMock.Messages;

/// <summary>
/// The text of each message, from the pool's templates, or AWS's default texts where the pool sets none
/// (docs/behaviour.md §13). <c>{####}</c> stands for the code (an invitation's temporary password), <c>{username}</c>
/// for the username in an invitation, and <c>{##Verify Email##}</c> for the link of a link-style verification email.
/// </summary>
public static class MessageTemplates
{
    public const string CodePlaceholder = "{####}";
    public const string UsernamePlaceholder = "{username}";
    public const string LinkPlaceholder = "{##Verify Email##}";

    // The texts a pool created without templates sends [decision: the defaults Cognito's console shows].
    public const string DefaultVerificationMessage = "Your verification code is {####}. ";
    public const string DefaultVerificationSubject = "Your verification code";
    public const string DefaultLinkMessage = "Please click the link below to verify your email address. {##Verify Email##} ";
    public const string DefaultLinkSubject = "Your verification link";
    public const string DefaultInvitationMessage = "Your username is {username} and temporary password is {####}. ";
    public const string DefaultInvitationSubject = "Your temporary password";
    public const string DefaultAuthenticationMessage = "Your authentication code is {####}. ";

    /// <summary>
    /// A message of <paramref name="triggerSource"/> over <paramref name="medium"/> (EMAIL or SMS): its subject (an
    /// email's) and its text. <paramref name="link"/> is the confirmation link of a sign-up, used when the pool
    /// verifies email by link.
    /// </summary>
    public static (string? Subject, string Body) Render(UserPool pool, string triggerSource, string medium, string username, string code, string? link = null)
    {
        var (subject, body) = Template(pool, triggerSource, medium, link is not null);
        body = body.Replace(CodePlaceholder, code, StringComparison.Ordinal);
        if (triggerSource == TriggerSources.AdminCreateUser)
        {
            body = body.Replace(UsernamePlaceholder, username, StringComparison.Ordinal);
            subject = subject?.Replace(UsernamePlaceholder, username, StringComparison.Ordinal);
        }

        if (link is not null)
        {
            body = body.Replace(LinkPlaceholder, link, StringComparison.Ordinal);
        }

        return (subject, body);
    }

    /// <summary>Whether the template of a message has the place of its code: AWS does not deliver an invitation whose template lacks it.</summary>
    public static bool Carries(UserPool pool, string triggerSource, string medium) =>
        Template(pool, triggerSource, medium, hasLink: false).Body.Contains(CodePlaceholder, StringComparison.Ordinal);

    private static (string? Subject, string Body) Template(UserPool pool, string triggerSource, string medium, bool hasLink)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var settings = pool.Settings;
        var template = settings.VerificationMessageTemplate;
        var email = medium == DeliveryMediums.Email;
        return triggerSource switch
        {
            TriggerSources.AdminCreateUser => email
                ? (settings.AdminCreateUserConfig?.InviteMessageTemplate?.EmailSubject ?? DefaultInvitationSubject,
                    settings.AdminCreateUserConfig?.InviteMessageTemplate?.EmailMessage ?? DefaultInvitationMessage)
                : (null, settings.AdminCreateUserConfig?.InviteMessageTemplate?.SMSMessage ?? DefaultInvitationMessage),
            TriggerSources.Authentication => (null, settings.SmsAuthenticationMessage ?? DefaultAuthenticationMessage),
            TriggerSources.SignUp or TriggerSources.ResendCode when email && hasLink && template?.DefaultEmailOption == "CONFIRM_WITH_LINK" =>
                (template.EmailSubjectByLink ?? DefaultLinkSubject, template.EmailMessageByLink ?? DefaultLinkMessage),
            _ when email => (template?.EmailSubject ?? settings.EmailVerificationSubject ?? DefaultVerificationSubject,
                template?.EmailMessage ?? settings.EmailVerificationMessage ?? DefaultVerificationMessage),
            _ => (null, template?.SmsMessage ?? settings.SmsVerificationMessage ?? DefaultVerificationMessage),
        };
    }

    /// <summary>
    /// Where a code went, as AWS shows it (CodeDeliveryDetails.Destination): an email as its first letter and its
    /// domain's, each followed by ***, so test@test.com is t***@t*** (seen: recorded against AWS in moto's tests); a
    /// phone number with all but its last four digits hidden.
    /// </summary>
    public static string Masked(string medium, string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (medium == DeliveryMediums.Email)
        {
            var at = destination.IndexOf('@', StringComparison.Ordinal);
            return at <= 0 || at == destination.Length - 1
                ? destination[..1] + "***"
                : $"{destination[0]}***@{destination[at + 1]}***";
        }

        var plus = destination.StartsWith('+');
        return destination.Length <= 4
            ? destination
            : string.Concat(plus ? "+" : "", new string('*', destination.Length - 4 - (plus ? 1 : 0)), destination[^4..]);
    }
}

public static class DeliveryMediums
{
    public const string Email = "EMAIL";
    public const string Sms = "SMS";
}
