using Bunit;
using Interview.Domain.Staff;
using Interview.Tests.Statistics;
using Interview.Tests.Support;
using Interview.Web.Components.Admin;
using Interview.Web.Components.Admin.FollowUps;
using Interview.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Components.Admin.Checks;

/// <summary>The inspection checks (检查指标) on the admin home page and the follow-up board, on 1 June 2027.</summary>
public sealed class CheckWarningsTests : AdminTestContext
{
    public CheckWarningsTests() => Services.AddSingleton<LiveDesk>();

    protected override TimeProvider Clock { get; } = new ManualClock(StatisticsData.At(2027, 6, 1, 9, 0));

    [Fact]
    public async Task TheHomePageWarnsOfOverdueFollowUpsAndOfColumnsQuietForNinetyDays()
    {
        await StatisticsData.ArrangeAsync(Database);

        var cut = Render<AdminHome>();

        cut.WaitForElement(".check-warnings");
        Assert.Equal("1 条会后答复已逾期。", cut.Find(".check-overdue").TextContent.Trim());
        Assert.Empty(cut.FindAll(".check-due-soon"));
        Assert.Equal(
            ["栏目「卫健在线」已超过 90 天没有访谈（最近一期开始于 2026-12-31）。", "栏目「政策解读」已超过 90 天没有访谈（最近一期开始于 2027-01-01）。",
             "栏目「久未更新」还没有举办过访谈。"],
            cut.FindAll(".check-quiet-column").Select(li => li.TextContent.Trim()));
        Assert.Equal("/admin/followups", cut.Find(".check-warnings a").GetAttribute("href"));
    }

    [Fact]
    public async Task TheFollowUpBoardShowsTheSameWarnings()
    {
        await StatisticsData.ArrangeAsync(Database);

        var cut = Render<FollowUpsPage>();

        cut.WaitForElement(".check-warnings");
        Assert.Equal("1 条会后答复已逾期。", cut.Find(".check-overdue").TextContent.Trim());
        Assert.Equal(3, cut.FindAll(".check-quiet-column").Count);
    }

    [Fact]
    public async Task AModeratorWhoCanActOnNeitherSeesNoWarnings()
    {
        await StatisticsData.ArrangeAsync(Database);
        await AddStaffAsync("staff-moderator", "moderator@example.gov.cn", StaffRole.Moderator);
        SignInAs("staff-moderator", "moderator@example.gov.cn", StaffRole.Moderator);

        var cut = Render<AdminHome>();

        cut.WaitForElement("[aria-label='您的角色']");
        Assert.Empty(cut.FindAll(".check-warnings"));
    }
}
