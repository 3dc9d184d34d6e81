using Interview.Domain.Questions;
using Prometheus;

namespace Interview.Web.Hosting;

/// <summary>
/// What an operator watches on a live day, in Prometheus form (README "Operations"): viewers connected to the live
/// hub, entries published, questions received and decided, how long the hub's sends take, request durations.
/// Each site has its own registry rather than prometheus-net's process-wide default, so two sites in one process (the
/// tests) count apart; a deployed instance is one site per process and loses nothing by it.
/// </summary>
public sealed class InterviewMetrics
{
    private readonly Gauge _viewers;
    private readonly Gauge _streamViewers;
    private readonly Counter _entriesPublished;
    private readonly Counter _questionsReceived;
    private readonly Counter _questionsDecided;
    private readonly Histogram _hubSend;
    private readonly Histogram _requests;

    public InterviewMetrics()
    {
        // The process's CPU, memory, GC and thread figures beside ours.
        DotNetStats.Register(Registry);
        var metrics = Prometheus.Metrics.WithCustomRegistry(Registry);
        _viewers = metrics.CreateGauge("interview_live_connections",
            "Connections open to the live hub (/hubs/live) on this instance: the viewers following a session live.");
        _streamViewers = metrics.CreateGauge("interview_stream_connections",
            "Connections open to the public event stream (/api/v1/interviews/{id}/events) on this instance: viewers following a session live.");
        _entriesPublished = metrics.CreateCounter("interview_entries_published_total",
            "Transcript entries published (after the commit), corrections not counted.");
        _questionsReceived = metrics.CreateCounter("interview_questions_received_total",
            "Citizens' questions stored as pending (repeats of an idempotent submit not counted).");
        _questionsDecided = metrics.CreateCounter("interview_questions_decided_total",
            "Moderators' decisions on questions, by decision.", ["decision"]);
        _hubSend = metrics.CreateHistogram("interview_hub_send_seconds",
            "Time the live hub relay takes to hand one message to a session's viewers on this instance, by message.",
            ["message"], new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });
        _requests = metrics.CreateHistogram("interview_http_request_duration_seconds",
            "HTTP requests by method, route pattern (never the path a client sent) and status code; long-lived hub and event-stream requests count when they end.",
            ["method", "route", "code"], new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.002, 2, 13) });
    }

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public void ViewerConnected() => _viewers.Inc();

    public void ViewerDisconnected() => _viewers.Dec();

    public void StreamViewerConnected() => _streamViewers.Inc();

    public void StreamViewerDisconnected() => _streamViewers.Dec();

    public void EntryPublished() => _entriesPublished.Inc();

    public void QuestionReceived() => _questionsReceived.Inc();

    public void QuestionDecided(QuestionStatus decision) => _questionsDecided.WithLabels(decision.ToString().ToLowerInvariant()).Inc();

    public void HubSent(string message, TimeSpan took) => _hubSend.WithLabels(message).Observe(took.TotalSeconds);

    public void RequestServed(string method, string route, int statusCode, TimeSpan took) =>
        _requests.WithLabels(method, route, statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Observe(took.TotalSeconds);
}
