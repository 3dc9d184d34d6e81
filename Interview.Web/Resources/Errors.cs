namespace Interview.Web.Resources;

/// <summary>The wording of domain errors, one key per <see cref="Interview.Domain.ErrorCodes"/> code (Errors.resx is zh-CN).</summary>
public sealed class Errors;
