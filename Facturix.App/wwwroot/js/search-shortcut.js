// "/" puts the cursor in the page's search field, as in the CRMs and mail clients people already use: the lists mark
// their main search input with data-search-shortcut (and aria-keyshortcuts="/"). Loaded once for the whole app
// (Components/App.razor); a page without such a field leaves the key alone. Esc in that field leaves it again.
import { isTyping } from './workspace-keyboard.js';

// Ctrl+K (⌘K on a Mac) goes to the app bar's global search box from anywhere, even from a field being typed in, as in
// Close, HubSpot or Twenty (Search/GlobalSearchBox.razor, decision 0107).
document.addEventListener('keydown', event => {
    if (event.defaultPrevented || event.isComposing || event.altKey || event.shiftKey) return;
    if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'k') return;
    const box = document.querySelector('input[data-global-search]');
    if (!box || box.disabled || box.offsetParent === null) return;
    event.preventDefault(); // the browser's own Ctrl+K searches the web from its address bar
    box.focus();
    box.select();
});

document.addEventListener('keydown', event => {
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.key === 'Escape' && event.target?.matches?.('[data-search-shortcut], [data-global-search]')) {
        event.target.blur();
        return;
    }
    if (event.key !== '/' || isTyping(event.target)) return;
    const field = document.querySelector('input[data-search-shortcut]');
    if (!field || field.disabled || field.offsetParent === null) return;
    event.preventDefault(); // the "/" is the command, not the first character of the search
    field.focus();
    field.select();
});
