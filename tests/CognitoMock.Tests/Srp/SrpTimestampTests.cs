using CognitoMock.Srp;

namespace CognitoMock.Tests.Srp;

/// <summary>docs/behaviour.md §9: what AWS accepts as a TIMESTAMP, as measured.</summary>
public sealed class SrpTimestampTests
{
    [Fact]
    public void Format_DoesNotPadTheDay()
    {
        SrpTimestamp.Format(new DateTime(2026, 11, 6, 7, 8, 9, DateTimeKind.Utc)).Should().Be("Fri Nov 6 07:08:09 UTC 2026");
    }

    [Theory]
    [InlineData("Thu Nov 26 10:13:43 UTC 2026")]
    [InlineData("thu nov 26 10:13:43 utc 2026")]
    [InlineData("Thu Nov 26 10:13:43 GMT 2026")]
    [InlineData("Fri Nov 26 10:13:43 UTC 2026")] // a wrong weekday parses; the proof then fails
    [InlineData("Fri Nov 06 10:13:43 UTC 2026")] // so does a zero-padded day
    public void TryParse_AcceptsWhatAwsAccepts(string text)
    {
        SrpTimestamp.TryParse(text, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("Thu Nov 26 10:13:43 PST 2026")]
    [InlineData("Thu Nov 26 10:13:43 Z 2026")]
    [InlineData("2026-11-26T10:13:43Z")]
    [InlineData("Thu Nov 31 10:13:43 UTC 2026")]
    [InlineData("Thu Nov 26 25:13:43 UTC 2026")]
    [InlineData("Xyz Nov 26 10:13:43 UTC 2026")]
    [InlineData("Thu Nov  26 10:13:43 UTC 2026")]
    [InlineData("Thu Nov 26 10:13:43 UTC 0000")]
    [InlineData("")]
    public void TryParse_RefusesAnythingElse(string text)
    {
        SrpTimestamp.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void TheCanonicalForm_OfAPaddedDayOrAWrongWeekday_IsNotWhatTheClientSent()
    {
        SrpTimestamp.TryParse("Fri Nov 06 10:13:43 UTC 2026", out var padded).Should().BeTrue();
        SrpTimestamp.TryParse("Fri Nov 26 10:13:43 UTC 2026", out var wrongDay).Should().BeTrue();

        SrpTimestamp.Format(padded).Should().Be("Fri Nov 6 10:13:43 UTC 2026");
        SrpTimestamp.Format(wrongDay).Should().Be("Thu Nov 26 10:13:43 UTC 2026");
    }
}
