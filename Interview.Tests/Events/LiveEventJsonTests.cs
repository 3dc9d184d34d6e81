using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Interview.Web.Events;
using Interview.Web.Live;

namespace Interview.Tests.Events;

/// <summary>Events cross instances as JSON (RedisEventBus): every kind must make the trip whole.</summary>
public sealed class LiveEventJsonTests
{
    private static readonly Type[] Kinds =
        [.. typeof(LiveEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(LiveEvent)) && !t.IsAbstract)];

    public static TheoryData<Type> EventTypes() => [.. Kinds];

    [Fact]
    public void EveryLiveEventKindHasItsNameOnTheWire()
    {
        var named = typeof(LiveEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToHashSet();

        var missing = Kinds.Where(t => !named.Contains(t)).Select(t => t.Name).ToList();

        // A new LiveEvent record needs a [JsonDerivedType] line on LiveEvent, or other instances never hear it.
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void EveryLiveEventKindRoundTripsWithItsSenderWhole(Type type)
    {
        var original = (LiveEvent)Sample(type);

        var (origin, received) = RedisEventBus.Deserialize(RedisEventBus.Serialize("instance-a", original));

        Assert.Equal("instance-a", origin);
        Assert.IsType(type, received);
        Assert.Equal(JsonSerializer.Serialize<object>(original), JsonSerializer.Serialize<object>(received));
    }

    [Fact]
    public void AnEventKindWithoutANameIsRefusedRatherThanSentHalf() =>
        Assert.Throws<NotSupportedException>(() => RedisEventBus.Serialize("instance-a", new Unnamed(1)));

    /// <summary>An instance of <paramref name="type"/> with a distinct, non-default value in every constructor parameter.</summary>
    private static object Sample(Type type)
    {
        var counter = 0;
        return Build(type)!;

        object? Build(Type t)
        {
            counter++;
            var inner = Nullable.GetUnderlyingType(t) ?? t;
            if (inner == typeof(int)) return counter;
            if (inner == typeof(long)) return (long)counter;
            if (inner == typeof(bool)) return true;
            if (inner == typeof(string)) return $"文字<{counter}>\"";
            if (inner == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 3, 5, 9, counter % 60, 0, TimeSpan.FromHours(8));
            if (inner.IsEnum) return Enum.GetValues(inner).GetValue(Enum.GetValues(inner).Length - 1);
            if (inner.IsGenericType && inner.GetGenericTypeDefinition() is var generic
                && (generic == typeof(IReadOnlyList<>) || generic == typeof(IReadOnlyCollection<>) || generic == typeof(IEnumerable<>) || generic == typeof(List<>)))
            {
                var element = inner.GetGenericArguments()[0];
                var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                list.Add(Build(element));
                return list;
            }
            var constructor = inner.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            return constructor.Invoke([.. constructor.GetParameters().Select(p => Build(p.ParameterType))]);
        }
    }

    private sealed record Unnamed(int InterviewId) : LiveEvent(InterviewId);
}
