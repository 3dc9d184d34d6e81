using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Interview.Tests.Support;
using Interview.Tests.Support.Servers;
using Xunit.Abstractions;

namespace Interview.Tests.ScaleOut;

/// <summary>
/// kill -9 of the instance that live viewers are connected to through nginx, in the middle of a session: they come
/// back through nginx on the other instance and catch up, missing nothing, while publishing goes on there.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed partial class FailoverTests(ScaleOutSites sites, ITestOutputHelper output) : IClassFixture<ScaleOutSites>
{
    private const int Viewers = 5;

    [Fact]
    public async Task Viewers_of_a_killed_instance_reconnect_to_the_other_and_miss_nothing_while_publishing_goes_on()
    {
        using var setup = ScaleOutSites.Staff(sites.A, await ScaleOutSites.TokenAsync(sites.A));
        var id = await ScaleOutSites.LiveSessionAsync(setup, "一台服务器突然停机");
        var viewers = new List<Viewer>();
        for (var i = 0; i < Viewers; i++)
        {
            viewers.Add(await Viewer.ConnectAsync(sites.Nginx.Address, id));
        }
        try
        {
            // nginx keeps one address on one instance for the hub: find the one the viewers are on.
            SiteProcess watched = null!;
            await ServerWait.UntilAsync(async () =>
            {
                var (a, b) = (await ConnectionsAsync(sites.A), await ConnectionsAsync(sites.B));
                watched = a == Viewers ? sites.A : sites.B;
                return a + b == Viewers && (a == Viewers || b == Viewers);
            }, TimeSpan.FromSeconds(60), "the viewers' connections on one instance");
            var other = watched == sites.A ? sites.B : sites.A;
            using var publisher = ScaleOutSites.Staff(other, await ScaleOutSites.TokenAsync(other));

            var published = 0;
            async Task PublishAsync(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    await ScaleOutSites.PublishAsync(publisher, id, $"第{++published}条");
                }
            }
            await PublishAsync(10);
            await LiveClient.EventuallyAsync(() => viewers.All(v => v.HighestSeq == 10), "the first entries before the kill");

            // Publishing goes on while the watched instance dies under its viewers.
            var publishing = PublishAsync(30);
            var killed = Stopwatch.GetTimestamp();
            watched.Kill();
            await publishing;

            await LiveClient.EventuallyAsync(() => viewers.All(v => v.HighestSeq == published), $"all {published} entries after the kill");
            foreach (var viewer in viewers)
            {
                Assert.Equal(Enumerable.Range(1, published), viewer.Seqs());
                Assert.True(viewer.Reconnections >= 1, "the viewer came back through nginx");
            }
            var back = viewers.Max(v => Stopwatch.GetElapsedTime(killed, v.BackAt!.Value));
            output.WriteLine($"{Viewers} viewers back on the other instance within {back.TotalMilliseconds:0} ms of the kill; {published} entries, none missing");
        }
        finally
        {
            foreach (var viewer in viewers)
            {
                await viewer.DisposeAsync();
            }
        }
    }

    private static async Task<int> ConnectionsAsync(SiteProcess site)
    {
        using var client = site.CreateClient();
        var metrics = await client.GetStringAsync("/metrics");
        return int.Parse(LiveConnections().Match(metrics).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^interview_live_connections (\d+)", RegexOptions.Multiline)]
    private static partial Regex LiveConnections();
}
