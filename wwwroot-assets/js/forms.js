// A console form that a submit found errors in puts the focus on its first field in error (WCAG 3.3.1): the field
// carries aria-invalid (MudBlazor sets it, with aria-describedby to the message), so the reader hears what is wrong.
// The fields may draw their errors a frame after the form: it looks again for a few frames.
export function focusFirstInvalid(anchor, frames = 5) {
  const field = anchor?.closest('form')?.querySelector('[aria-invalid=true]');
  if (field) field.focus();
  else if (frames > 0) requestAnimationFrame(() => focusFirstInvalid(anchor, frames - 1));
}
