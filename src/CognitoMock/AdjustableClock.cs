namespace CognitoMock;

/// <summary>
/// The standalone server's clock: the system's, moved by an offset that the /_mock/clock endpoint sets, so
/// end-to-end tests can expire tokens and sessions without waiting.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void SetUtcNow(DateTimeOffset now) => Interlocked.Exchange(ref _offsetTicks, (now - base.GetUtcNow()).Ticks);
}
