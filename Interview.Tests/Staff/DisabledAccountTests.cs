using System.Net;
using Interview.Tests.Support;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Staff;

public sealed class DisabledAccountTests(StaffApiTests.Site site) : IClassFixture<StaffApiTests.Site>
{
    [Fact]
    public async Task ATokenOfAnAccountDisabledSinceIsRefusedOnTheAuditExportNotAnError()
    {
        const string Email = "former-admin@example.gov.cn";
        var id = await site.CreateStaffAsync(Email, "admin");
        using var client = site.Client(await site.TokenAsync(Email));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/audit.csv")).StatusCode);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByIdAsync(id))!;
            user.IsDisabled = true;
            await users.UpdateAsync(user);
        }

        var response = await client.GetAsync("/admin/audit.csv");

        // 403 from the permission re-check; 401 where the token itself is revoked with the account (issue 10, point 6).
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, response.StatusCode.ToString());
        Assert.DoesNotContain("时间,操作人", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
