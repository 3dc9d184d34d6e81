namespace Interview.Web.Resources;

/// <summary>The fixed text of the RSS and Atom feeds (channel titles and descriptions).</summary>
public sealed class Feeds;
