using System.Globalization;

namespace CognitoMock.Srp;

/// <summary>
/// The TIMESTAMP of an SRP proof, "EEE MMM d HH:mm:ss z yyyy" in English and UTC. As measured on AWS
/// (docs/behaviour.md §9), names parse in any case, the zone may be UTC or GMT, and a zero-padded day or a wrong
/// weekday parses; the proof is then checked over the canonical form, so those fail there instead.
/// </summary>
public static class SrpTimestamp
{
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static string Format(DateTime utc) => string.Create(CultureInfo.InvariantCulture,
        $"{Days[(int)utc.DayOfWeek]} {Months[utc.Month - 1]} {utc.Day} {utc:HH:mm:ss} UTC {utc.Year:D4}");

    public static bool TryParse(string text, out DateTime utc)
    {
        utc = default;
        var parts = text.Split(' ');
        if (parts.Length != 6
            || Array.FindIndex(Days, d => d.Equals(parts[0], StringComparison.OrdinalIgnoreCase)) < 0
            || !(parts[4].Equals("UTC", StringComparison.OrdinalIgnoreCase) || parts[4].Equals("GMT", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var month = Array.FindIndex(Months, m => m.Equals(parts[1], StringComparison.OrdinalIgnoreCase)) + 1;
        if (month == 0
            || parts[2].Length is < 1 or > 2 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || parts[5].Length != 4 || !int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !TimeOnly.TryParseExact(parts[3], "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        utc = new DateTime(new DateOnly(year, month, day), time, DateTimeKind.Utc);
        return true;
    }
}
