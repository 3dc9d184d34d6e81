using Interview.Domain;
using Interview.Domain.Columns;
using Interview.Domain.Staff;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Admin;

/// <param name="RequirePhoneVerification">提问须验证手机号 (后台实名); null leaves it as it is.</param>
public sealed record ColumnEdit(string Name, string Slug, string? Description, int SortOrder, bool? RequirePhoneVerification = null);

public sealed record ColumnRow(int Id, string Name, string Slug, string Description, int SortOrder, int Sessions, bool RequiresPhoneVerification = false);

/// <summary>Columns (栏目): admins create and edit them; every change is audited.</summary>
public sealed class ColumnAdmin(IDbContextFactory<InterviewDbContext> contexts, StaffPermissions permissions, AuditTrail audit)
{
    public async Task<IReadOnlyList<ColumnRow>> ListAsync(StaffActor actor)
    {
        await permissions.EnsureAsync(actor, StaffCapability.RunSessions);
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Columns.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => new ColumnRow(c.Id, c.Name, c.Slug, c.Description, c.SortOrder, db.Interviews.Count(i => i.ColumnId == c.Id), c.RequiresPhoneVerification))
            .ToListAsync();
    }

    public async Task<Column> CreateAsync(StaffActor actor, ColumnEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        var slug = edit.Slug?.Trim() ?? "";
        if (await db.Columns.AnyAsync(c => c.Slug == slug))
        {
            throw new ConflictException(Text.SiteErrorCodes.ColumnSlugTaken, slug);
        }
        var column = Column.Create(edit.Name, slug, edit.Description, edit.SortOrder);
        column.RequirePhoneVerification(edit.RequirePhoneVerification ?? false);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Columns.Add(column);
        await db.SaveChangesAsync();
        audit.Add(db, actor, "column.create", $"column/{column.Id}", $"{column.Name} ({column.Slug})");
        if (column.RequiresPhoneVerification)
        {
            audit.Add(db, actor, "column.phone-verification", $"column/{column.Id}", "on");
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return column;
    }

    public async Task UpdateAsync(StaffActor actor, int id, ColumnEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        var column = await db.Columns.SingleOrDefaultAsync(c => c.Id == id) ?? throw new NotFoundException(Text.SiteErrorCodes.ColumnNotFound);
        column.Rename(edit.Name, edit.Description);
        column.MoveTo(edit.SortOrder);
        audit.Add(db, actor, "column.update", $"column/{id}", $"{column.Name}");
        if (edit.RequirePhoneVerification is { } verify && verify != column.RequiresPhoneVerification)
        {
            // Who turned identity checks on or off for a column is a line of its own (谁发布、谁审核、谁负责).
            column.RequirePhoneVerification(verify);
            audit.Add(db, actor, "column.phone-verification", $"column/{id}", verify ? "on" : "off");
        }
        await db.SaveChangesAsync();
    }
}

/// <summary>The request clashes with what exists (a taken slug, an illegal move): HTTP 409.</summary>
public sealed class ConflictException(string code, params object?[] arguments) : DomainException(code, arguments);
