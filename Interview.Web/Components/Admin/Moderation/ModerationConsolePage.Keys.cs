using Interview.Domain.Questions;
using Microsoft.AspNetCore.Components.Web;

namespace Interview.Web.Components.Admin.Moderation;

/// <summary>
/// The console's keys (GB/T 37668 keyboard-only operation), handled here in C#: no script of our own. Keys typed into
/// a text field never arrive: the fields stop their key events on the way up.
/// </summary>
public sealed partial class ModerationConsolePage
{
    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        // Browser and screen-reader shortcuts keep working; Ctrl+Enter belongs to the edit box itself.
        if (e.CtrlKey || e.AltKey || e.MetaKey || _busy)
        {
            _quiet = true;
            return;
        }
        var key = e.Key is { Length: 1 } letter ? letter.ToLowerInvariant() : e.Key;
        var handled = _mode switch
        {
            ConsoleMode.Browse => await BrowseKeyAsync(key),
            ConsoleMode.Reject => await RejectKeyAsync(key),
            ConsoleMode.Merge => await MergeKeyAsync(key),
            ConsoleMode.Block => await BlockKeyAsync(key),
            _ => EditKey(key),
        };
        _quiet = !handled;
    }

    private async Task<bool> BrowseKeyAsync(string key)
    {
        switch (key)
        {
            case "a" when Selected is { } item:
                await ApproveAsync(item, null);
                return true;
            case "e" when Selected is { } item:
                BeginEdit(item);
                return true;
            case "r" when Selected is { } item:
                BeginReject(item);
                return true;
            case "m" when Selected is { } item:
                BeginMerge(item);
                return true;
            case "b" when Selected is { } item:
                BeginBlock(item);
                return true;
            case "?":
                _help = !_help;
                return true;
            case "Escape" when _help || _notice is not null:
                _help = false;
                _notice = null;
                return true;
            default:
                return await MoveOrFilterAsync(key);
        }
    }

    /// <summary>The keys that work while browsing and while choosing where to merge: move, and change the view.</summary>
    private async Task<bool> MoveOrFilterAsync(string key)
    {
        switch (key)
        {
            case "ArrowDown" or "j":
                return Move(1);
            case "ArrowUp" or "k":
                return Move(-1);
            case "f":
                await SetFlagsAsync(Next(ModerationText.FlagViews, _flags));
                return true;
            case "s":
                await SetStatusAsync(Next(ModerationText.StatusViews, _status));
                return true;
            default:
                return false;
        }
    }

    private async Task<bool> RejectKeyAsync(string key)
    {
        switch (key)
        {
            case [var digit and >= '1' and <= '5']:
                _reason = ModerationText.Reasons[digit - '1'];
                return true;
            case "Enter" when Selected is { } item:
                await RejectAsync(item);
                return true;
            case "Escape":
                CancelMode();
                return true;
            default:
                return false;
        }
    }

    private async Task<bool> MergeKeyAsync(string key)
    {
        switch (key)
        {
            case "Enter" when Selected is { } target:
                await MergeIntoAsync(target);
                return true;
            case "Escape":
                CancelMode();
                return true;
            default:
                return await MoveOrFilterAsync(key);
        }
    }

    private async Task<bool> BlockKeyAsync(string key)
    {
        switch (key)
        {
            case "Enter" when Selected is { } item:
                await BlockAsync(item);
                return true;
            case "Escape":
                CancelMode();
                return true;
            default:
                return false;
        }
    }

    /// <summary>While editing, the box has the keys; Esc from elsewhere in the console still cancels.</summary>
    private bool EditKey(string key)
    {
        if (key != "Escape")
        {
            return false;
        }
        CancelMode();
        return true;
    }

    private bool Move(int step)
    {
        if (_page.Items.Count == 0)
        {
            return false;
        }
        SelectAt(_selectedIndex + step);
        _focusSelected = true;
        return true;
    }

    private static T Next<T>(T[] cycle, T current) => cycle[(Array.IndexOf(cycle, current) + 1) % cycle.Length];
}
