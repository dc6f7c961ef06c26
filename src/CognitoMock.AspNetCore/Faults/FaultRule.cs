namespace CognitoMock.AspNetCore.Faults;

/// <summary>What an injected fault does to a call.</summary>
public enum FaultKind
{
    /// <summary>TooManyRequestsException, "Rate exceeded", as AWS throttles.</summary>
    TooManyRequests,

    /// <summary>InternalErrorException, HTTP 500.</summary>
    InternalError,

    /// <summary>The call succeeds, after <see cref="FaultRule.LatencyMilliseconds"/>.</summary>
    Latency,
}

/// <summary>
/// A fault for users' own resilience tests: which operation, what happens, and when — on every call with a
/// probability, or only on the Nth call after the rule was set.
/// </summary>
public sealed class FaultRule
{
    /// <summary>
    /// The operation's AWS name, or "*" for every operation. Required, as is <see cref="Fault"/>: a rule that
    /// took defaults for them would throttle every call of a mock for a typo in a test.
    /// </summary>
    public required string Operation { get; set; }

    public required FaultKind Fault { get; set; }

    /// <summary>The chance that a call is hit, 0 to 1; 1 when not given.</summary>
    public double Probability { get; set; } = 1;

    /// <summary>Hit only this call (1 is the first) of the operation after the rule was set; overrides Probability.</summary>
    public int? OnCall { get; set; }

    /// <summary>Hit only the first this-many calls (at least 1) after the rule was set; overrides Probability.</summary>
    public int? FirstCalls { get; set; }

    /// <summary>For <see cref="FaultKind.Latency"/>: the delay, 0 to <see cref="FaultInjector.LongestLatencyMilliseconds"/>.</summary>
    public int LatencyMilliseconds { get; set; }
}

/// <summary>A rule as GET /_mock/faults shows it: the calls of its operation it has seen, and how many it hit.</summary>
public sealed record FaultRuleStatus(FaultRule Rule, int Calls, int Hits);
