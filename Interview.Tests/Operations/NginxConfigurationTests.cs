using Interview.Tests.Support.Servers;

namespace Interview.Tests.Operations;

/// <summary>
/// The tests run the shipped deploy/nginx/interview.conf (<see cref="NginxServer"/>); rendering it for them changes the
/// addresses and nothing else, so what they prove holds for the file an operator installs.
/// </summary>
public sealed class NginxConfigurationTests
{
    [Fact]
    public void RenderingTheShippedConfigurationChangesOnlyTheAddresses()
    {
        var shipped = File.ReadAllText(NginxServer.ShippedConfiguration);

        var rendered = NginxServer.Render(shipped, [41001, 41002], 42000, "/tmp/test-cache");

        var changed = shipped.Split('\n').Zip(rendered.Split('\n')).Where(pair => pair.First != pair.Second).ToList();
        Assert.Equal(shipped.Split('\n').Length, rendered.Split('\n').Length);
        // Two upstreams of two servers each, the one listen line and the micro-cache's folder.
        Assert.Equal(6, changed.Count);
        Assert.Equal(2, changed.Count(pair => pair.Second.Contains("server 127.0.0.1:41001 max_fails=2 fail_timeout=10s;", StringComparison.Ordinal)));
        Assert.Equal(2, changed.Count(pair => pair.Second.Contains("server 127.0.0.1:41002 max_fails=2 fail_timeout=10s;", StringComparison.Ordinal)));
        Assert.Single(changed, pair => pair.Second.Trim() == "listen 127.0.0.1:42000;");
        Assert.Single(changed, pair => pair.Second.StartsWith("proxy_cache_path /tmp/test-cache levels=1:2 keys_zone=interview_micro:", StringComparison.Ordinal));
    }

    [Fact]
    public void RenderingRefusesAnUpstreamWithAnotherNumberOfInstances()
    {
        var shipped = File.ReadAllText(NginxServer.ShippedConfiguration);

        Assert.Throws<InvalidOperationException>(() => NginxServer.Render(shipped, [41001, 41002, 41003], 42000, "/tmp/test-cache"));
    }
}
