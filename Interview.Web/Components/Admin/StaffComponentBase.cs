using Interview.Domain;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Interview.Web.Components.Admin;

/// <summary>
/// What every console page needs: who is acting (account and address, for the audit log) and one way to run an
/// action that shows its outcome: a refusal or a rule's message in a snackbar, never an unhandled error.
/// </summary>
public abstract class StaffComponentBase : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }
    [CascadingParameter(Name = nameof(Routes.ClientIp))] private string? ClientIp { get; set; }
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Why the last action run through <see cref="RunAsync"/> was refused, for pages that show it inline.</summary>
    protected string? LastError { get; private set; }

    /// <summary>The code of the last refusal (<see cref="ICodedError"/>), so a form can tie it to the field it concerns.</summary>
    protected string? LastErrorCode { get; private set; }

    protected async Task<StaffActor> ActorAsync()
    {
        var state = AuthenticationState is null ? null : await AuthenticationState;
        return state?.User.Actor(ClientIp) ?? throw new InvalidOperationException("No authentication state.");
    }

    /// <summary>Runs <paramref name="action"/>; reports success or the reason it was refused. Returns whether it worked.</summary>
    protected async Task<bool> RunAsync(Func<StaffActor, Task> action, string? success = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        LastError = null;
        LastErrorCode = null;
        try
        {
            await action(await ActorAsync());
            if (success is not null)
            {
                Snackbar.Add(success, Severity.Success);
            }
            return true;
        }
        catch (Exception e) when (e is DomainException or StaffForbiddenException or NotFoundException)
        {
            LastError = Text.ErrorText.Of(e);
            LastErrorCode = (e as ICodedError)?.Code;
            Snackbar.Add(LastError, Severity.Error);
            return false;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // E.g. someone else changed the same thing a moment ago; nothing was saved.
            LastError = Text.ErrorText.Word(Text.SiteErrorCodes.SaveConflict);
            Snackbar.Add(LastError, Severity.Error);
            return false;
        }
    }
}
