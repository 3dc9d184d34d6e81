using System.Reflection;
using Interview.Domain.Interviews;

namespace Interview.Tests.Architecture;

public class DomainReferencesTests
{
    [Fact]
    public void DomainReferencesOnlyTheBaseClassLibrary()
    {
        var forbidden = new[] { "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "MudBlazor", "Microsoft.AspNetCore.SignalR", "Markdig", "Ganss", "Interview.Web" };
        var references = typeof(InterviewSession).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, name =>
            Assert.DoesNotContain(forbidden, prefix => name.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.All(references, name =>
            Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
                $"Interview.Domain references {name}"));
    }

    [Fact]
    public void WebReferencesTheDomain() =>
        Assert.Contains(typeof(Interview.Web.InterviewOptions).Assembly.GetReferencedAssemblies(),
            a => a.Name == typeof(InterviewSession).Assembly.GetName().Name);
}
