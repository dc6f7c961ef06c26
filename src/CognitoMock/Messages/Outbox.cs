using System.Collections.Concurrent;

namespace CognitoMock.Messages;

/// <summary>
/// A message the mock would have sent: an email or an SMS, rendered from the pool's templates. Nothing leaves the
/// machine; tests read it here, and <c>GET /_mock/messages</c> shows it.
/// </summary>
/// <param name="UserPoolId">The pool of the user it was sent for.</param>
/// <param name="Username">The stored username of the user it was sent for.</param>
/// <param name="DeliveryMedium">EMAIL or SMS.</param>
/// <param name="Destination">The address or number, in full.</param>
/// <param name="Subject">An email's subject; null for an SMS.</param>
/// <param name="Message">The rendered text.</param>
/// <param name="Code">The code the message carries, or the temporary password of an invitation; null when it has none.</param>
/// <param name="TriggerSource">The CustomMessage trigger source AWS would give the message (<see cref="TriggerSources"/>).</param>
/// <param name="SentAt">When, by the mock's clock.</param>
public sealed record SentMessage(
    string UserPoolId,
    string Username,
    string DeliveryMedium,
    string Destination,
    string? Subject,
    string Message,
    string? Code,
    string TriggerSource,
    DateTimeOffset SentAt);

/// <summary>
/// Every message the mock "sent", newest last. It keeps the last <see cref="Kept"/>, in memory: a message is the
/// way a test learns a code, not state, so a restart starts an empty outbox while the codes themselves, kept in
/// the data file, still confirm.
/// </summary>
public sealed class Outbox
{
    public const int Kept = 1000;

    private readonly ConcurrentQueue<SentMessage> _messages = new();
    private readonly Lock _waiting = new();
    private List<(string UserPoolId, string Username, TaskCompletionSource<SentMessage> Next)> _waiters = [];

    public IReadOnlyList<SentMessage> Messages => [.. _messages];

    /// <summary>The messages of a pool, or of one user of it by stored username; either filter may be left out.</summary>
    public IReadOnlyList<SentMessage> For(string? userPoolId, string? username) =>
        [.. _messages.Where(m => (userPoolId is null || m.UserPoolId == userPoolId) && (username is null || m.Username == username))];

    /// <summary>The code last sent to a user, by its stored username, optionally over one medium only.</summary>
    public string? LastCodeFor(string userPoolId, string username, string? deliveryMedium = null) =>
        _messages.LastOrDefault(m => m.UserPoolId == userPoolId && m.Username == username && m.Code is not null
            && (deliveryMedium is null || m.DeliveryMedium == deliveryMedium))?.Code;

    /// <summary>The next message sent to the user after this call, for a test that awaits the code its action sends.</summary>
    public Task<SentMessage> NextAsync(string userPoolId, string username, CancellationToken cancel = default)
    {
        var next = new TaskCompletionSource<SentMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiting)
        {
            _waiters.Add((userPoolId, username, next));
        }

        cancel.Register(() => next.TrySetCanceled(cancel));
        return next.Task;
    }

    internal void Send(SentMessage message)
    {
        _messages.Enqueue(message);
        while (_messages.Count > Kept && _messages.TryDequeue(out _))
        {
        }

        List<TaskCompletionSource<SentMessage>> woken;
        lock (_waiting)
        {
            woken = [.. _waiters.Where(w => w.UserPoolId == message.UserPoolId && w.Username == message.Username).Select(w => w.Next)];
            _waiters = [.. _waiters.Where(w => !woken.Contains(w.Next) && !w.Next.Task.IsCompleted)];
        }

        woken.ForEach(next => next.TrySetResult(message));
    }

    public void Clear() => _messages.Clear();
}
