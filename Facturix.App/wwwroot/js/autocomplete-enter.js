// Enter in an autocomplete picks the highlighted choice; it must not also submit the form around it. A text input's
// Enter submits its form by default (implicit submission), so picking "Espagne (ES)" in the account dialog's country
// field used to save the half-filled account, or show the rules' errors on the fields not filled yet. MudAutocomplete
// reads the key through its own listener, which still runs: only the browser's default action is cancelled.
document.addEventListener('keydown', event => {
    if (event.key !== 'Enter' || event.isComposing) return;
    const input = event.target;
    if (input?.matches?.('.mud-autocomplete input') && input.form) event.preventDefault();
});
