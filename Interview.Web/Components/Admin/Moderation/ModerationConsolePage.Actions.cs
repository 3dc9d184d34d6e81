using Interview.Domain.Questions;
using Interview.Web.Admin;
using Interview.Web.Questions;
using Interview.Web.Staff;
using MudBlazor;

namespace Interview.Web.Components.Admin.Moderation;

/// <summary>The console's decisions: each goes through <see cref="Questions.Moderation"/>, and the list reloads after.</summary>
public sealed partial class ModerationConsolePage
{
    private Task OnCardActionAsync(ModerationItem item, CardAction action)
    {
        Select(item);
        _quiet = false;
        switch (action)
        {
            case CardAction.Approve:
                return ApproveAsync(item, null);
            case CardAction.Edit:
                BeginEdit(item);
                break;
            case CardAction.Reject:
                BeginReject(item);
                break;
            case CardAction.Merge:
                BeginMerge(item);
                break;
            case CardAction.MergeHere:
                return MergeIntoAsync(item);
            case CardAction.Block:
                BeginBlock(item);
                break;
            case CardAction.Unblock:
                return UnblockAsync(item);
            case CardAction.RevealPhone:
                return RevealPhoneAsync(item);
            case CardAction.RevealText:
                return RevealTextAsync(item);
        }
        return Task.CompletedTask;
    }

    private async Task SetStatusAsync(QuestionStatus? status)
    {
        _status = status;
        await ViewChangedAsync();
    }

    private async Task SetFlagsAsync(FlagFilter flags)
    {
        _flags = flags;
        await ViewChangedAsync();
    }

    private async Task ViewChangedAsync()
    {
        if (_mode != ConsoleMode.Merge)
        {
            _mode = ConsoleMode.Browse;
        }
        _selectedIndex = 0;
        await LoadQueueAsync();
    }

    private void BeginEdit(ModerationItem item)
    {
        if (EnsurePending(item, StaffModeration["ActionEditApprove"]))
        {
            _mode = ConsoleMode.Edit;
        }
    }

    private void BeginReject(ModerationItem item)
    {
        if (EnsurePending(item, StaffModeration["ActionReject"]))
        {
            _reason = RejectReason.Duplicate;
            _note = "";
            _mode = ConsoleMode.Reject;
        }
    }

    private void BeginMerge(ModerationItem item)
    {
        if (EnsurePending(item, StaffModeration["ActionMerge"]))
        {
            _mergeSource = item;
            _mergeFrom = (_status, _flags, _selectedIndex);
            _mode = ConsoleMode.Merge;
        }
    }

    private void BeginBlock(ModerationItem item)
    {
        if (item.ClientBlocked)
        {
            _notice = StaffModeration["SenderAlreadyBlocked", item.Id];
            return;
        }
        _blockReason = "";
        _mode = ConsoleMode.Block;
    }

    private void CancelMode()
    {
        _mode = ConsoleMode.Browse;
        _mergeSource = null;
        _mergeFrom = null;
        _focusSelected = true;
    }

    private bool EnsurePending(ModerationItem item, string what)
    {
        if (item.Status.AwaitsDecision())
        {
            return true;
        }
        _notice = StaffModeration["NotPending", item.Id, ModerationText.Decision(item), what];
        return false;
    }

    /// <summary>
    /// Approves as written, or with the moderator's edit (the service keeps the original). Personal data in the text is
    /// masked unless the moderator ticked 保留个人信息 for this question.
    /// </summary>
    private Task ApproveAsync(ModerationItem item, string? editedText)
    {
        var keep = _keepPersonalData;
        return DecideAsync(item, actor => Moderation.ApproveAsync(actor, item.Id, editedText, keepPersonalData: keep),
            editedText is null ? L["Approved", item.Id] : StaffModeration["EditedApproved", item.Id]);
    }

    private Task RejectAsync(ModerationItem item)
    {
        var reason = _reason;
        var note = string.IsNullOrWhiteSpace(_note) ? null : _note.Trim();
        return DecideAsync(item, actor => Moderation.RejectAsync(actor, item.Id, reason, note),
            L["Rejected", item.Id, ModerationText.Reason(reason)]);
    }

    private Task MergeIntoAsync(ModerationItem target)
    {
        if (_mergeSource is not { } source)
        {
            return Task.CompletedTask;
        }
        if (target.Id == source.Id || target.Status is not (QuestionStatus.Pending or QuestionStatus.Approved))
        {
            _notice = StaffModeration["MergeTargetInvalid"];
            return Task.CompletedTask;
        }
        return DecideAsync(source, actor => Moderation.MergeAsync(actor, source.Id, target.Id),
            L["Merged", source.Id, target.Id]);
    }

    /// <summary>
    /// The target is often in another view (已采用): once the merge is done, the moderator goes back to the view the
    /// duplicate was in (usually 待审), at its place, where the work was. The caller reloads the list.
    /// </summary>
    private void ReturnFromMerge()
    {
        if (_mergeFrom is { } from)
        {
            (_status, _flags, _selectedIndex) = from;
            _mergeFrom = null;
        }
    }

    private Task BlockAsync(ModerationItem item, bool everywhere = false)
    {
        var reason = string.IsNullOrWhiteSpace(_blockReason) ? null : _blockReason.Trim();
        return DecideAsync(item, actor => Moderation.BlockSenderAsync(actor, item.Id, reason, everywhere),
            everywhere ? StaffModeration["BlockedEverywhere", item.Id] : StaffModeration["Blocked", item.Id]);
    }

    /// <summary>Lifts the block here; an admin's unblock lifts the one in every session too (the card does not tell them apart).</summary>
    private Task UnblockAsync(ModerationItem item) =>
        DecideAsync(item, async actor =>
        {
            await Moderation.UnblockSenderAsync(actor, item.Id);
            if (_canBlockEverywhere)
            {
                await Moderation.UnblockSenderAsync(actor, item.Id, everywhere: true);
            }
        }, StaffModeration["Unblocked", item.Id]);

    private async Task RevealPhoneAsync(ModerationItem item)
    {
        string? phone = null;
        if (await RunAsync(async actor => phone = await Moderation.RevealPhoneAsync(actor, item.Id)))
        {
            _revealed[item.Id] = phone ?? StaffModeration["NoPhone"];
        }
    }

    private async Task RevealTextAsync(ModerationItem item)
    {
        RevealedText? words = null;
        if (await RunAsync(async actor => words = await Moderation.RevealTextAsync(actor, item.Id)) && words is not null)
        {
            _revealedText[item.Id] = words;
        }
    }

    /// <summary>
    /// Runs a decision. When another moderator decided first, says who, when and what (the service's conflict), and
    /// reloads either way so that the list shows what stands.
    /// </summary>
    private async Task DecideAsync(ModerationItem item, Func<StaffActor, Task> decide, string success)
    {
        if (_busy)
        {
            return;
        }
        _busy = true;
        _notice = null;
        try
        {
            ConflictException? conflict = null;
            var done = await RunAsync(async actor =>
            {
                try
                {
                    await decide(actor);
                }
                catch (ConflictException e)
                {
                    conflict = e;
                }
            });
            if (conflict is not null)
            {
                _notice = await EarlierDecisionAsync(item.Id) ?? Text.ErrorText.Of(conflict);
                Snackbar.Add(_notice, Severity.Warning);
                _mode = ConsoleMode.Browse;
                _mergeSource = null;
            }
            else if (done)
            {
                Snackbar.Add(success, Severity.Success);
                _mode = ConsoleMode.Browse;
                _mergeSource = null;
                ReturnFromMerge();
                _keepPersonalData = false;
            }
            await LoadQueueAsync();
            _focusSelected = true;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<string?> EarlierDecisionAsync(int questionId)
    {
        try
        {
            return ModerationText.EarlierDecision(await Queue.ItemAsync(await ActorAsync(), questionId), Time);
        }
        catch (Exception e) when (e is NotFoundException or StaffForbiddenException)
        {
            return null;
        }
    }
}
