using AngleSharp.Dom;
using Bunit;
using Interview.Domain.Columns;
using Interview.Web.Components.Admin.Columns;
using Interview.Web.Components.Admin.Staff;

namespace Interview.Tests.Components.Admin;

/// <summary>
/// A refusal from the service that concerns one field (a taken column slug, a weak or taken password or e-mail) is tied
/// to that field as its error (aria-invalid, aria-describedby), what was typed stays, and the error clears when the
/// field changes.
/// </summary>
public class ServerFieldErrorTests : AdminTestContext
{
    [Fact]
    public async Task ATakenSlugIsMarkedOnTheSlugFieldAndTheTypedValuesStay()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Columns.Add(Column.Create("卫健在线", "weijian"));
            await db.SaveChangesAsync();
        }
        var cut = Render<ColumnsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".column-form input")));

        cut.FindAll(".column-form input")[0].Change("卫健在线（二）");
        cut.FindAll(".column-form input")[1].Change("weijian");
        cut.Find("form.column-form").Submit();

        cut.WaitForAssertion(() =>
        {
            var slug = cut.FindAll(".column-form input")[1];
            Assert.Equal("true", slug.GetAttribute("aria-invalid"));
            Assert.Contains("weijian", Described(cut, slug), StringComparison.Ordinal);
            Assert.NotEqual("true", cut.FindAll(".column-form input")[0].GetAttribute("aria-invalid"));
            Assert.Equal("卫健在线（二）", cut.FindAll(".column-form input")[0].GetAttribute("value"));
        });

        cut.FindAll(".column-form input")[1].Change("weijian-2");
        cut.WaitForAssertion(() => Assert.NotEqual("true", cut.FindAll(".column-form input")[1].GetAttribute("aria-invalid")));
    }

    [Fact]
    public void AWeakPasswordIsMarkedOnThePasswordField()
    {
        var cut = Render<StaffPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".new-staff-form input:not([type=checkbox])")));
        var fields = cut.FindAll(".new-staff-form input:not([type=checkbox])");
        fields[0].Change("weak@example.gov.cn");
        fields[2].Change("short");
        cut.FindAll(".new-staff-form label").Single(l => l.TextContent.Trim() == "主持人").QuerySelector("input")!.Change(true);

        cut.Find("form.new-staff-form").Submit();

        cut.WaitForAssertion(() =>
        {
            var inputs = cut.FindAll(".new-staff-form input:not([type=checkbox])");
            Assert.Equal("true", inputs[2].GetAttribute("aria-invalid"));
            Assert.NotEmpty(Described(cut, inputs[2]));
            Assert.NotEqual("true", inputs[0].GetAttribute("aria-invalid"));
            Assert.Equal("weak@example.gov.cn", inputs[0].GetAttribute("value"));
        });
    }

    private static string Described(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> cut, IElement field) =>
        string.Concat((field.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => cut.Find($"[id='{id}']").TextContent));
}
