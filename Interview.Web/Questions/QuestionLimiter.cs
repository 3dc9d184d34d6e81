using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Interview.Web.Questions;

/// <summary>A client sent more questions than the per-minute limit allows.</summary>
public sealed class TooManyQuestionsException() : Domain.DomainException(Text.SiteErrorCodes.TooManyQuestions);

/// <summary>
/// Questions counted for every instance at once (Redis, <see cref="Hosting.RedisQuestionWindow"/>), so that a client
/// cannot send the limit to each instance behind the balancer.
/// </summary>
public interface ISharedQuestionWindow
{
    /// <summary>Counts one question of <paramref name="clientKey"/>: whether it is within <paramref name="perMinute"/>, or null when the shared count cannot be reached.</summary>
    Task<bool?> TryTakeAsync(string clientKey, int perMinute);
}

/// <summary>
/// Per-client limits for questions, inside the intake service rather than in HTTP middleware, so the limit holds for
/// every way a question can arrive: the API, the page's form, and any interactive circuit. With a shared window
/// (Redis) the count is one for all instances; when it cannot be reached, each instance counts on its own (token
/// buckets here) rather than refusing every citizen.
/// </summary>
public sealed class QuestionLimiter(IOptions<InterviewOptions> options, ISharedQuestionWindow? shared = null) : IDisposable
{
    private readonly int _perMinute = Math.Max(1, options.Value.Limits.QuestionsPerClientPerMinute);

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

    /// <summary>Takes one question's worth for <paramref name="clientKey"/> or throws <see cref="TooManyQuestionsException"/>.</summary>
    public async Task TakeAsync(string clientKey)
    {
        if (shared is not null && await shared.TryTakeAsync(clientKey, _perMinute) is { } withinLimit)
        {
            if (!withinLimit)
            {
                throw new TooManyQuestionsException();
            }
            return;
        }
        Take(clientKey);
    }

    /// <summary>This instance's own count: takes one token for <paramref name="clientKey"/> or throws <see cref="TooManyQuestionsException"/>.</summary>
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
