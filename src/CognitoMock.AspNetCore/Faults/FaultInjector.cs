using CognitoMock.AspNetCore.Model;
using CognitoMock.Errors;
using CognitoMock.Randomness;

namespace CognitoMock.AspNetCore.Faults;

/// <summary>The fault rules of one mock, set through /_mock/faults or the fixture, and applied to each call.</summary>
public sealed class FaultInjector(IRandomness random)
{
    private readonly Lock _lock = new();
    private List<FaultRuleStatus> _rules = [];

    /// <summary>
    /// The longest injected latency: a minute is past any timeout a resilience test would set, and a slip of a digit
    /// cannot hold a test run up for long.
    /// </summary>
    public const int LongestLatencyMilliseconds = 60_000;

    public IReadOnlyList<FaultRule> Rules => [.. Status.Select(r => r.Rule)];

    /// <summary>Each rule with how many calls it has seen and how many of them it hit, so a test can see its retries.</summary>
    public IReadOnlyList<FaultRuleStatus> Status
    {
        get
        {
            lock (_lock)
            {
                return [.. _rules];
            }
        }
    }

    public void Add(FaultRule rule)
    {
        Validate(rule);
        lock (_lock)
        {
            _rules = [.. _rules, new FaultRuleStatus(rule, 0, 0)];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _rules = [];
        }
    }

    /// <summary>The delay to add to this call of the operation, or the error to answer it with.</summary>
    internal (TimeSpan Delay, CognitoException? Error) Decide(string operation)
    {
        var delay = TimeSpan.Zero;
        lock (_lock)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, calls, hit) = _rules[i];
                if (rule.Operation != "*" && rule.Operation != operation)
                {
                    continue;
                }

                calls++;
                var hits = Hits(rule, calls);
                _rules[i] = new FaultRuleStatus(rule, calls, hits ? hit + 1 : hit);
                if (!hits)
                {
                    continue;
                }

                switch (rule.Fault)
                {
                    case FaultKind.TooManyRequests:
                        return (delay, new TooManyRequestsException());
                    case FaultKind.InternalError:
                        return (delay, new InternalErrorException("An internal error occurred (injected by CognitoMock)."));
                    default:
                        delay += TimeSpan.FromMilliseconds(rule.LatencyMilliseconds);
                        break;
                }
            }
        }

        return (delay, null);
    }

    private bool Hits(FaultRule rule, int call) => rule switch
    {
        { OnCall: { } nth } => call == nth,
        { FirstCalls: { } first } => call <= first,
        _ => rule.Probability >= 1 || random.Bytes(4) is var bytes && BitConverter.ToUInt32(bytes) / (double)uint.MaxValue < rule.Probability,
    };

    /// <summary>Refuses a rule that names no operation of the model, or whose numbers are out of range, naming the member.</summary>
    private static void Validate(FaultRule rule)
    {
        var problem = rule switch
        {
            { Operation: null or "" } => "A fault rule needs an Operation: \"*\" or the name of a Cognito operation, such as AdminGetUser.",
            { Operation: var name } when name != "*" && !ServiceModel.Cognito.Operations.ContainsKey(name) =>
                $"Operation must be \"*\" or the name of a Cognito operation, such as AdminGetUser; '{name[..Math.Min(name.Length, 64)]}' is not one.",
            { Fault: var fault } when !Enum.IsDefined(fault) => $"Fault must be one of {string.Join(", ", Enum.GetNames<FaultKind>())}.",
            { Probability: var p } when !(p is >= 0 and <= 1) => "Probability must be a number from 0 to 1.",
            { OnCall: < 1 } => "OnCall must be at least 1 (the next call).",
            { FirstCalls: < 1 } => "FirstCalls must be at least 1.",
            { LatencyMilliseconds: < 0 or > LongestLatencyMilliseconds } => $"LatencyMilliseconds must be from 0 to {LongestLatencyMilliseconds}.",
            _ => null,
        };
        if (problem is not null)
        {
            throw new ArgumentException(problem);
        }
    }
}
