using Interview.Domain.Audit;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Audit;

/// <summary>What <c>verify-audit</c> found: an intact chain and its head, or the first line where it breaks.</summary>
public sealed record AuditVerification(int Lines, long? HeadId, string? HeadHash, long? BrokenId, string? Problem)
{
    public bool Intact => BrokenId is null;
}

/// <summary>
/// Walks the audit log in id order and recomputes every link. The first line chains from the genesis hash, or, once
/// retention has removed old lines, from the hash the latest purge line recorded (that line is itself in the chain,
/// so the anchor cannot be changed without breaking it). Ids have no gaps except where lines were removed, so a gap
/// names what is missing.
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<InterviewDbContext> contexts)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var purge = await db.AuditLog.AsNoTracking().Where(a => a.Action == AuditChain.PurgeAction)
            .OrderByDescending(a => a.Id).Select(a => a.Details).FirstOrDefaultAsync(cancellationToken);
        var anchor = purge is null ? AuditChain.Genesis : AuditChain.PurgeAnchor(purge) ?? "";

        var lines = 0;
        string? previous = null;
        long previousId = 0;
        var rows = db.AuditLog.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new { Entry = a, Hash = EF.Property<string>(a, AuditChainWriter.HashColumn) })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var id = row.Entry.Id;
            if (previous is not null && id != previousId + 1)
            {
                return Broken(lines, id, $"第 #{id} 条之前缺少第 #{previousId + 1}–#{id - 1} 条：记录被删除。");
            }
            if (AuditChain.Link(previous ?? anchor, row.Entry) != row.Hash)
            {
                return Broken(lines, id, previous is null
                    ? $"第 #{id} 条（现存第一条）接不上链的起点或最近一次保留期清理记录下的锚点：它被改动，或它之前的记录被删除。"
                    : $"第 #{id} 条与哈希链不符：它的内容或哈希被改动。");
            }
            previous = row.Hash;
            previousId = id;
            lines++;
        }
        return new AuditVerification(lines, lines == 0 ? null : previousId, previous, null, null);
    }

    private static AuditVerification Broken(int intactLines, long id, string problem) =>
        new(intactLines, null, null, id, problem);
}
