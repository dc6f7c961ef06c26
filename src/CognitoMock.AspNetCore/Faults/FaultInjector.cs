using CognitoMock.Errors;
using CognitoMock.Randomness;

namespace CognitoMock.AspNetCore.Faults;

/// <summary>The fault rules of one mock, set through /_mock/faults or the fixture, and applied to each call.</summary>
public sealed class FaultInjector(IRandomness random)
{
    private readonly Lock _lock = new();
    private List<FaultRuleStatus> _rules = [];

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

    private static void Validate(FaultRule rule)
    {
        if (rule.Probability is < 0 or > 1 || rule.OnCall < 1 || rule.FirstCalls < 0 || rule.LatencyMilliseconds is < 0 or > 60_000
            || string.IsNullOrEmpty(rule.Operation) || !Enum.IsDefined(rule.Fault))
        {
            throw new ArgumentException("A fault rule needs an Operation (or \"*\"), a Fault, a Probability from 0 to 1, " +
                "OnCall and FirstCalls of at least 1 and 0, and LatencyMilliseconds from 0 to 60000.", nameof(rule));
        }
    }
}
