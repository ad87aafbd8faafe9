// Small DOM helpers: elements are built with h() and text nodes, never from HTML strings, so
// nothing the node sends can inject markup.

/**
 * h('td', {class: 'num', dataset: {hash}}, 'text', childNode, [more, children])
 * @param {string} tag
 * @param {object|null} [attrs] attributes; `class`, `dataset`, `on<event>` and boolean values
 *     are handled specially
 * @param {...(Node|string|number|null|undefined|Array)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'class') {
      el.className = value;
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(el, c);
    } else {
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (id) => document.getElementById(id);

/** "just now", "12 s ago", "3 min ago", "2 h ago", else a date. */
export function ago(ms, now = Date.now()) {
  if (!ms) {
    return '';
  }
  const s = Math.round((now - ms) / 1000);
  if (s < 2) {
    return 'just now';
  }
  if (s < 90) {
    return `${s} s ago`;
  }
  if (s < 90 * 60) {
    return `${Math.round(s / 60)} min ago`;
  }
  if (s < 36 * 3600) {
    return `${Math.round(s / 3600)} h ago`;
  }
  return new Date(ms).toLocaleString();
}

/** A button that copies text to the clipboard (when the browser allows it). */
export function copyButton(text, label = 'Copy') {
  const b = h('button', { type: 'button', class: 'btn-link copy', title: 'Copy to clipboard' }, label);
  b.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      b.textContent = 'Copied';
    } catch {
      b.textContent = 'Select and copy';
    }
    setTimeout(() => {
      b.textContent = label;
    }, 1500);
  });
  return b;
}
