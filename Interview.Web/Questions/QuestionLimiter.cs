using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Interview.Web.Questions;

/// <summary>A client sent more questions than the per-minute limit allows.</summary>
public sealed class TooManyQuestionsException() : Domain.DomainException("提问太频繁了，请稍等一分钟再提交。");

/// <summary>
/// Per-client token buckets for questions, inside the intake service rather than in HTTP middleware, so the limit holds
/// for every way a question can arrive: the API, the page's form, and any interactive circuit.
/// </summary>
public sealed class QuestionLimiter(IOptions<InterviewOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _buckets = PartitionedRateLimiter.Create<string, string>(client =>
    {
        var perMinute = Math.Max(1, options.Value.Limits.QuestionsPerClientPerMinute);
        return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    });

    /// <summary>Takes one token for <paramref name="clientKey"/> or throws <see cref="TooManyQuestionsException"/>.</summary>
    public void Take(string clientKey)
    {
        using var lease = _buckets.AttemptAcquire(clientKey);
        if (!lease.IsAcquired)
        {
            throw new TooManyQuestionsException();
        }
    }

    public void Dispose() => _buckets.Dispose();
}
