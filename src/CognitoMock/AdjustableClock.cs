using System.Globalization;

namespace CognitoMock;

/// <summary>
/// The standalone server's clock: the system's, moved by an offset that the /_mock/clock endpoint sets, so
/// end-to-end tests can expire tokens and sessions without waiting.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>
    /// The earliest instant the clock may be moved to. Tokens carry their times as seconds since 1970 (a JWT's
    /// iat and exp, a TOTP code's time step), and clients read those as unsigned or refuse negative ones.
    /// </summary>
    public static DateTimeOffset Earliest { get; } = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The latest instant the clock may be moved to. Dates are stored as DateTime, which ends with 9999: the
    /// mock adds at most 10 years to now (a refresh token's longest validity) and a configured pagination-token
    /// lifetime, so a clock at 9000 leaves room for both, and for the clock to run on for centuries.
    /// </summary>
    public static DateTimeOffset Latest { get; } = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>"from (Earliest) to (Latest)", for messages.</summary>
    public static string Range { get; } =
        string.Create(CultureInfo.InvariantCulture, $"from {Earliest:yyyy-MM-dd'T'HH:mm:ss'Z'} to {Latest:yyyy-MM-dd'T'HH:mm:ss'Z'}");

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    /// <summary>Moves the clock by <paramref name="by"/>; one that would leave Earliest..Latest is refused, and nothing moves.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The clock would leave Earliest..Latest.</exception>
    public void Advance(TimeSpan by)
    {
        while (true)
        {
            var offset = Interlocked.Read(ref _offsetTicks);
            var moved = (Int128)offset + by.Ticks;
            RequireInRange(base.GetUtcNow().UtcTicks + moved, nameof(by));
            if (Interlocked.CompareExchange(ref _offsetTicks, (long)moved, offset) == offset)
            {
                return;
            }
        }
    }

    /// <summary>Sets the clock to <paramref name="now"/>, which must be within Earliest..Latest.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant is outside Earliest..Latest.</exception>
    public void SetUtcNow(DateTimeOffset now)
    {
        RequireInRange(now.UtcTicks, nameof(now));
        Interlocked.Exchange(ref _offsetTicks, (now - base.GetUtcNow()).Ticks);
    }

    private static void RequireInRange(Int128 ticks, string parameter)
    {
        if (ticks < Earliest.UtcTicks || ticks > Latest.UtcTicks)
        {
            throw new ArgumentOutOfRangeException(parameter, $"The clock can show instants {Range}.");
        }
    }
}
