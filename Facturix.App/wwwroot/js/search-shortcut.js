// "/" puts the cursor in the page's search field, as in the CRMs and mail clients people already use: the lists mark
// their main search input with data-search-shortcut (and aria-keyshortcuts="/"). Loaded once for the whole app
// (Components/App.razor); a page without such a field leaves the key alone. Esc in that field leaves it again.
import { isTyping } from './workspace-keyboard.js';

document.addEventListener('keydown', event => {
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.key === 'Escape' && event.target?.matches?.('[data-search-shortcut]')) {
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
