using System.Text;

namespace Interview.Web.Text;

/// <summary>The one way the consoles write CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Chinese), CRLF lines.</summary>
public static class CsvText
{
    /// <summary>A CSV field, quoted when needed; a leading = + - @ is defused so that no spreadsheet runs it.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    /// <summary>Appends one line of fields, each through <see cref="Field"/>.</summary>
    public static StringBuilder AppendLine(StringBuilder csv, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
    }

    /// <summary>The document's bytes: the UTF-8 preamble, then the text.</summary>
    public static byte[] Bytes(StringBuilder csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }
}
