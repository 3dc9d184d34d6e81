using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Live;
using Interview.Web.Media;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Admin;

/// <summary>
/// 预录 from a rehearsal (彩排): what was prepared and published in rehearsal reaches the real session only through the
/// ordinary publisher, as a prepared entry (labelled 预录 like any), by staff who may publish there. Audited
/// (<c>rehearsal.carry</c>).
/// </summary>
public sealed class RehearsalCarry(
    IDbContextFactory<InterviewDbContext> contexts,
    AuditTrail audit,
    ImageStore images,
    LivePublisher publisher)
{
    /// <summary>
    /// Carries an answer prepared in the rehearsal (a published host's or guest's entry) into the real session, which
    /// must be live: it is published there only as 预录 (prepared), labelled as such, and under the real session's
    /// review rule. Photos it shows are copied, so the rehearsal's wipe leaves them.
    /// </summary>
    public async Task<PublishOutcome> CarryAsync(StaffActor actor, int rehearsalId, int seq)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var rehearsal = await db.Interviews.AsNoTracking().SingleOrDefaultAsync(i => i.Id == rehearsalId)
            ?? throw new NotFoundException(Text.SiteErrorCodes.InterviewNotFound, rehearsalId);
        var entry = await db.Entries.AsNoTracking().SingleOrDefaultAsync(e => e.InterviewId == rehearsalId && e.Seq == seq)
            ?? throw new NotFoundException(Text.SiteErrorCodes.InterviewNotFound, rehearsalId);
        if (rehearsal.RehearsalOf is not { } realId || entry.Kind is not (EntryKind.Host or EntryKind.Guest))
        {
            throw new ConflictException(ErrorCodes.CarryOnlyFromRehearsal);
        }
        var real = await db.Interviews.AsNoTracking().SingleAsync(i => i.Id == realId);
        int? guestId = null;
        if (entry.GuestId is { } rehearsed)
        {
            // The copy's guests follow the real session's order and names.
            var guest = rehearsal.Guests.Single(g => g.Id == rehearsed);
            guestId = real.Guests.FirstOrDefault(g => g.Name == guest.Name)?.Id
                ?? throw new DomainException(ErrorCodes.GuestNotInSession);
        }
        var markdown = entry.Markdown;
        var copies = new List<string>();
        foreach (var url in ImageStore.UrlsIn(markdown).Distinct())
        {
            if (await images.CopyAsync(db, url, "entries") is { } copy)
            {
                copies.Add(copy);
                markdown = markdown.Replace(url, copy, StringComparison.Ordinal);
            }
        }
        await db.SaveChangesAsync();
        try
        {
            var outcome = await publisher.PublishAsync(actor, realId, new EntryRequest(entry.Kind, markdown, guestId, Prepared: true));
            await audit.RecordAsync(actor, "rehearsal.carry", $"interview/{realId}", AuditTrail.Ok, $"from interview/{rehearsalId}#e{seq} as 预录");
            return outcome;
        }
        catch
        {
            copies.ForEach(images.Delete);
            throw;
        }
    }
}
