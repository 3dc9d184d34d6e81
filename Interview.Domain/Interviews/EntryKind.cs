using System.Text.Json.Serialization;

namespace Interview.Domain.Interviews;

public enum EntryKind
{
    /// <summary>Host remarks (主持人).</summary>
    Host,
    /// <summary>A guest's answer (嘉宾).</summary>
    Guest,
    /// <summary>An approved citizen question put to the guests (网友提问).</summary>
    Question,
    /// <summary>An editorial note, e.g. that the session has begun.</summary>
    Note,
    /// <summary>An answer given after the session (会后答复).</summary>
    [JsonStringEnumMemberName("followup")]
    FollowUp,
}
