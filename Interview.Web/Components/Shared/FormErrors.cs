using System.Linq.Expressions;
using Microsoft.AspNetCore.Components.Forms;

namespace Interview.Web.Components.Shared;

/// <summary>
/// A static EditForm's validation messages tied to its fields (<see cref="FieldError"/>): each field in error gets
/// <c>aria-describedby</c> to its message (the input adds <c>aria-invalid</c> itself), and the first one in the form's
/// order takes the focus when the posted page comes back.
/// </summary>
public sealed class FormErrors
{
    private readonly EditContext _form;
    private readonly List<(string Id, FieldIdentifier Field)> _fields = [];

    public FormErrors(EditContext form) => _form = form;

    /// <summary>Adds the field with id <paramref name="id"/>, in the order the form shows its fields.</summary>
    public FormErrors Field(string id, Expression<Func<object>> field)
    {
        _fields.Add((id, FieldIdentifier.Create(field)));
        return this;
    }

    /// <summary>The first message for field <paramref name="id"/>, or null.</summary>
    public string? Message(string id) => _fields.Where(f => f.Id == id).SelectMany(f => _form.GetValidationMessages(f.Field)).FirstOrDefault();

    /// <summary>The attributes for the input with id <paramref name="id"/>.</summary>
    public Dictionary<string, object> Attributes(string id) =>
        FieldError.Attributes(id, Message(id), _fields.FirstOrDefault(f => _form.GetValidationMessages(f.Field).Any()).Id == id);
}
