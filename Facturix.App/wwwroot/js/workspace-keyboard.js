// Workspace shortcuts (backlog 2.2.4), loaded by Workspace/Working/WorkspaceKeyboard.razor after its first render.
// One keydown listener on the document; it never fires while the person types in a field, and never takes a key
// combined with Ctrl, Alt or Meta (the browser's and the system's own shortcuts stay theirs).

// Fields where a key is text, not a command.
export function isTyping(target) {
    if (!target || target.nodeType !== 1) return false;
    if (target.isContentEditable || target.closest('[contenteditable]:not([contenteditable="false"])')) return true;
    const tag = target.tagName;
    if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
    if (tag !== 'INPUT') return false;
    // Buttons and boxes in an input's clothing take no text.
    const type = (target.getAttribute('type') || 'text').toLowerCase();
    return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(type);
}

// The shortcut a key press means, or null. Digits by their physical key (event.code) too: on a French AZERTY
// keyboard the top row types "&é\"'(-è_ç" without Shift, and the workspace's digits must work there.
export function shortcutOf(event) {
    if (event.ctrlKey || event.altKey || event.metaKey) return null;
    if (event.key === 'Escape') return { name: 'escape', digit: 0 };
    if (event.key === '?') return { name: 'help', digit: 0 };
    const code = /^(?:Digit|Numpad)([1-9])$/.exec(event.code || '');
    if (code) return { name: 'digit', digit: Number(code[1]) };
    if (/^[1-9]$/.test(event.key)) return { name: 'digit', digit: Number(event.key) };
    switch ((event.key || '').toLowerCase()) {
        case 'n': return { name: 'next', digit: 0 };
        case 'c': return { name: 'call', digit: 0 };
        case 'e': return { name: 'email', digit: 0 };
        case 'l': return { name: 'note', digit: 0 };
        case 's': return { name: 'skip', digit: 0 };
        case 't': return { name: 'task', digit: 0 };
        default: return null;
    }
}

// Starts listening; the returned object's dispose() removes the listener (the component calls it on dispose).
export function attach(dotNet) {
    const onKeyDown = event => {
        if (event.defaultPrevented || event.isComposing || event.repeat) return;
        if (isTyping(event.target)) {
            // Esc leaves the field, so the next key is a shortcut again; nothing else reaches the workspace.
            if (event.key === 'Escape' && typeof event.target.blur === 'function') event.target.blur();
            return;
        }
        const shortcut = shortcutOf(event);
        if (!shortcut) return;
        // Inside a part that reads digits itself (the script drawer: digit = objection answer), digits are its own.
        if (shortcut.name === 'digit' && event.target.closest && event.target.closest('[data-own-digits]')) return;
        event.preventDefault();
        dotNet.invokeMethodAsync('OnShortcut', shortcut.name, shortcut.digit);
    };
    document.addEventListener('keydown', onKeyDown);
    return {
        dispose: () => document.removeEventListener('keydown', onKeyDown),
    };
}
