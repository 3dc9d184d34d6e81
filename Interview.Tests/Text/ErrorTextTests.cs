using System.Globalization;
using System.Reflection;
using System.Xml.Linq;
using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Staff;
using Interview.Tests.Support.Servers;
using Interview.Web.Staff;
using Interview.Web.Text;

namespace Interview.Tests.Text;

/// <summary>
/// Domain errors carry a code and arguments; Text/ErrorText words them from Resources/Errors in the reader's culture,
/// zh-CN exactly as the site always said it.
/// </summary>
public sealed class ErrorTextTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void EveryErrorCodeIsWordedAndEveryWordingHasItsCode()
    {
        var codes = Constants(typeof(ErrorCodes)).Concat(Constants(typeof(SiteErrorCodes))).ToHashSet(StringComparer.Ordinal);
        var keys = XDocument.Load(Repository.File("Interview.Web", "Resources", "Errors.resx")).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(codes.Except(keys));
        // The separators and problem titles are worded by the same step without being codes.
        Assert.All(keys.Except(codes), k => Assert.StartsWith("ProblemTitle", k, StringComparison.Ordinal));
    }

    [Fact]
    public void ADomainErrorIsWordedInChineseAsBeforeAndInEnglish()
    {
        var session = InterviewSession.Create(1, "标题", null, DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(1).AddHours(1), DateTimeOffset.UtcNow);
        var error = Assert.Throws<IllegalTransitionException>(() => session.TransitionTo(InterviewStatus.Published, DateTimeOffset.UtcNow));

        Assert.Equal("访谈状态不能从「草稿」变为「文字实录」。", ErrorText.Of(error, SiteCultures.Neutral));
        Assert.Equal("An interview cannot go from “Draft” to “Transcript”.", ErrorText.Of(error, English));
        Assert.Equal(ErrorCodes.IllegalTransition, error.Code);
        Assert.Equal([InterviewStatus.Draft, InterviewStatus.Published], error.Arguments);
    }

    [Fact]
    public void AFieldsNameIsWordedInTheSameLanguageAsTheSentence()
    {
        var error = Assert.Throws<DomainException>(() => InterviewSession.Create(1, " ", null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1), DateTimeOffset.UtcNow));

        Assert.Equal("访谈标题不能为空。", ErrorText.Of(error, SiteCultures.Neutral));
        Assert.Equal("The interview title is required.", ErrorText.Of(error, English));
    }

    [Fact]
    public void RolesAreListedInTheReadersLanguage()
    {
        var error = new StaffForbiddenException(SiteErrorCodes.AdminOrAssignedRequired, StaffRole.Admin, new RoleChoice([StaffRole.Host, StaffRole.Typist]));

        Assert.Equal("需要管理员或本场主持人或录入员的权限。", ErrorText.Of(error, SiteCultures.Neutral));
        Assert.Equal("This needs the administrator role, or the host or typist role for this interview.", ErrorText.Of(error, English));
    }

    [Fact]
    public void TheLogMessageNamesTheCodeAndArgumentsNotASentence()
    {
        var error = new DomainException(ErrorCodes.CorrectionPending, 12);

        Assert.Equal("CorrectionPending(12)", error.Message);
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
}
