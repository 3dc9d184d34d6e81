using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Interview.Tests.Support;

/// <summary>
/// Every log entry of the site, written as the site's console would write it (through the console's configured
/// formatter), so a test sees the exact lines an operator would.
/// </summary>
public sealed class CapturedLog(IServiceProvider services) : ILoggerProvider
{
    private ConsoleFormatter? _formatter;

    public ConcurrentQueue<(string Category, LogLevel Level, Exception? Exception, string Text)> Entries { get; } = new();

    public static void AddTo(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(sp => new CapturedLog(sp));

    public static CapturedLog Of(IServiceProvider services) => services.GetServices<ILoggerProvider>().OfType<CapturedLog>().Single();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private ConsoleFormatter Formatter => _formatter ??= services.GetServices<ConsoleFormatter>()
        .Single(f => f.Name == services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var text = new StringWriter();
            log.Formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), null, text);
            log.Entries.Enqueue((category, logLevel, exception, text.ToString()));
        }
    }
}
