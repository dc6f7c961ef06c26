using System.Text;
using System.Text.RegularExpressions;

namespace CognitoMock.AspNetCore.Model;

/// <summary>
/// A pattern of the service model. The model's patterns are Java regular expressions that must match the
/// whole value; Java's \w, \s and \d are ASCII-only where .NET's are Unicode, so those are spelled out
/// before the expression is compiled. Messages quote the original text.
/// </summary>
internal sealed class ModelPattern(string text)
{
    private readonly Lazy<Regex> _regex = new(() => new Regex(
        @"\A(?:" + ToDotNet(text) + @")\z",
        RegexOptions.CultureInvariant | RegexOptions.Compiled,
        TimeSpan.FromSeconds(1)));

    public string Text { get; } = text;

    public bool IsMatch(string value) => _regex.Value.IsMatch(value);

    internal static string ToDotNet(string java)
    {
        var result = new StringBuilder(java.Length + 16);
        var inClass = false;
        for (var i = 0; i < java.Length; i++)
        {
            var c = java[i];
            if (c == '\\' && i + 1 < java.Length)
            {
                var next = java[++i];
                var expansion = next switch
                {
                    'w' => "a-zA-Z0-9_",
                    'd' => "0-9",
                    's' => @" \t\n\x0B\f\r",
                    _ => null,
                };
                if (expansion is null && next == 'S' && !inClass)
                {
                    result.Append(@"[^ \t\n\x0B\f\r]");
                }
                else if (expansion is null && next == 'S' && java.AsSpan(i - 2).StartsWith(@"[\S]"))
                {
                    // "[\S]" is the only way the model uses \S inside a class: negate the ASCII space set.
                    result.Append(@"^ \t\n\x0B\f\r");
                }
                else if (expansion is null)
                {
                    result.Append('\\').Append(next);
                }
                else
                {
                    result.Append(inClass ? expansion : "[" + expansion + "]");
                }

                continue;
            }

            if (c == '[' && !inClass)
            {
                inClass = true;
            }
            else if (c == ']' && inClass)
            {
                inClass = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
