using System.Collections.Concurrent;

namespace CognitoMock.SignIn;

/// <summary>An SMS the mock would have sent. Nothing leaves the machine: tests read the code here.</summary>
public sealed record SentSms(string UserPoolId, string Username, string Destination, string Code, DateTimeOffset SentAt);

/// <summary>The SMS messages of this mock, newest last; the oldest go once there are more than a thousand.</summary>
public sealed class SmsOutbox
{
    private const int Kept = 1000;
    private readonly ConcurrentQueue<SentSms> _messages = new();

    public IReadOnlyList<SentSms> Messages => [.. _messages];

    /// <summary>The code last sent to a user, by its stored username.</summary>
    public string? LastCodeFor(string userPoolId, string username) =>
        _messages.LastOrDefault(m => m.UserPoolId == userPoolId && m.Username == username)?.Code;

    internal void Send(SentSms message)
    {
        _messages.Enqueue(message);
        while (_messages.Count > Kept && _messages.TryDequeue(out _))
        {
        }
    }

    public void Clear() => _messages.Clear();
}
