namespace Interview.Web.Components.Admin.Moderation;

/// <summary>A button on a question's card; the console decides what it means for that question.</summary>
public enum CardAction
{
    Approve,
    Edit,
    Reject,
    Merge,
    MergeHere,
    Block,
    Unblock,
    RevealPhone,
    RevealText,
}
