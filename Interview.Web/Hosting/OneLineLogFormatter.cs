using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Interview.Web.Hosting;

/// <summary>
/// The console log, one entry per line, always. Log messages carry what clients send (a query value in a binding
/// failure, an exception's message): a CR or LF in it would start a line of the attacker's choosing in the log that an
/// operator or a log shipper reads. Every control and line-separator character of the message, the exception and the
/// scopes is written as an escape (\n, \r, \u2028), so one mechanism covers our log lines and the framework's alike.
/// </summary>
public sealed class OneLineLogFormatter(IOptionsMonitor<ConsoleFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "interview-one-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }
        var settings = options.CurrentValue;
        var line = new StringBuilder();
        if (settings.TimestampFormat is { } format)
        {
            var now = settings.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
            line.Append(now.ToString(format, CultureInfo.InvariantCulture));
        }
        line.Append(Level(logEntry.LogLevel)).Append(": ").Append(logEntry.Category)
            .Append('[').Append(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture)).Append("] ");
        Escape(line, message);
        if (settings.IncludeScopes && scopeProvider is not null)
        {
            scopeProvider.ForEachScope((scope, builder) => Escape(builder.Append(" => "), Convert.ToString(scope, CultureInfo.InvariantCulture)), line);
        }
        if (logEntry.Exception is { } exception)
        {
            Escape(line.Append(" | "), exception.ToString());
        }
        textWriter.WriteLine(line.ToString());
    }

    /// <summary>The text on one line: controls and line separators as escapes, everything else as it is.</summary>
    public static string OneLine(string? text) => Escape(new StringBuilder(), text).ToString();

    private static StringBuilder Escape(StringBuilder line, string? text)
    {
        foreach (var c in text ?? "")
        {
            _ = c switch
            {
                '\n' => line.Append("\\n"),
                '\r' => line.Append("\\r"),
                '\t' => line.Append('\t'),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => line.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => line.Append(c),
            };
        }
        return line;
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}

public static class OneLineLogging
{
    /// <summary>
    /// The console writes every entry through <see cref="OneLineLogFormatter"/>, unless the operator names another
    /// formatter (<c>Logging__Console__FormatterName=json</c>: one JSON object per line, with each message's fields, for a
    /// log pipeline). Configuration is bound before this runs, so a name set there stays.
    /// </summary>
    public static ILoggingBuilder AddOneLineConsole(this ILoggingBuilder logging) => logging
        .AddConsoleFormatter<OneLineLogFormatter, ConsoleFormatterOptions>()
        .AddConsole(o => o.FormatterName ??= OneLineLogFormatter.FormatterName);
}
